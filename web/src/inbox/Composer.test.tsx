import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api/client';
import { details, row } from '../test/fixtures';
import { mockNetwork, renderApp } from '../test/render';
import { fillTemplate } from './Composer';
import { InboxPage } from './InboxPage';

function setup(replyAnswer: () => unknown) {
  const c = row({
    intent: 'complaint',
    contact: { displayName: 'Ирина Петрова', username: null },
  });
  const net = mockNetwork({
    'GET /api/conversations': () => ({ conversations: [c], nextCursor: null }),
    [`GET /api/conversations/${c.id}`]: () => details(c),
    'GET /api/templates': () => [
      {
        id: 't1',
        name: 'Извинение',
        shortcut: 'sorry',
        locale: 'ru',
        body: 'Здравствуйте, {name}! Приносим извинения.',
        intent: 'complaint',
        createdBy: null,
        createdAt: '',
        updatedAt: '',
      },
      {
        id: 't2',
        name: 'Цена',
        shortcut: null,
        locale: 'ru',
        body: 'Цена',
        intent: 'sales_question',
        createdBy: null,
        createdAt: '',
        updatedAt: '',
      },
    ],
    [`POST /api/conversations/${c.id}/replies`]: replyAnswer,
    [`POST /api/conversations/${c.id}/notes`]: () => ({ status: 201, body: { id: 'n1' } }),
  });
  renderApp(<InboxPage />, { path: `/inbox/${c.id}`, route: '/inbox/:conversationId?' });
  return { c, ...net };
}

describe('the composer', () => {
  it('sends with Ctrl+Enter, with the CSRF token and an Idempotency-Key that survives a retry', async () => {
    setCsrfToken('csrf-in-memory');
    let attempt = 0;
    const { c, calls } = setup(() =>
      ++attempt === 1 ? new Error('network') : { status: 202, body: { id: 'r1' } },
    );
    const box = await screen.findByRole('textbox', { name: 'Ответ клиенту' });
    await userEvent.type(box, 'Уже проверяем');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText(/Нет связи с сервером/)).toBeInTheDocument();
    expect(box).toHaveValue('Уже проверяем'); // nothing lost
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(box).toHaveValue(''));
    const sends = calls.filter((x) => x.path === `/api/conversations/${c.id}/replies`);
    expect(sends).toHaveLength(2);
    expect(sends[0]!.headers['x-csrf-token']).toBe('csrf-in-memory');
    expect(sends[0]!.headers['idempotency-key']).toMatch(/^[\w-]{8,100}$/);
    expect(sends[1]!.headers['idempotency-key']).toBe(sends[0]!.headers['idempotency-key']);
    expect(sends[1]!.body).toEqual({
      text: 'Уже проверяем',
      statusAfter: 'pending',
      loadedAt: expect.any(String), // the collision guard's "since"
    });
    expect(localStorage.length).toBe(0); // drafts and tokens never touch storage
    setCsrfToken(null);
  });

  it('a changed text is a new reply: a new key', async () => {
    let n = 0;
    const { calls } = setup(() =>
      ++n === 1 ? { status: 500, body: { message: 'x' } } : { status: 202, body: {} },
    );
    const box = await screen.findByRole('textbox', { name: 'Ответ клиенту' });
    await userEvent.type(box, 'Раз');
    await userEvent.click(screen.getByRole('button', { name: 'Отправить' }));
    expect(await screen.findByText('Ошибка на сервере. Попробуйте позже.')).toBeInTheDocument();
    await userEvent.type(box, ' два');
    await userEvent.click(screen.getByRole('button', { name: 'Отправить' }));
    await waitFor(() => expect(calls.filter((x) => x.path.endsWith('/replies'))).toHaveLength(2));
    const [a, b] = calls.filter((x) => x.path.endsWith('/replies'));
    expect(a!.headers['idempotency-key']).not.toBe(b!.headers['idempotency-key']);
  });

  it('inserts a template for this intent with the customer name, and notes go to the notes API', async () => {
    const { c, calls } = setup(() => ({ status: 202, body: {} }));
    const picker = await screen.findByRole('combobox', { name: 'Вставить шаблон…' });
    await waitFor(() => expect(screen.getByRole('option', { name: /Извинение/ })).toBeInTheDocument());
    // another intent is ranked after this one, never hidden (the detected intent may be wrong)
    const names = screen.getAllByRole('option').map((o) => o.textContent);
    expect(names.indexOf('/sorry · Извинение')).toBeLessThan(names.indexOf('Цена'));
    await userEvent.selectOptions(picker, 't1');
    expect(screen.getByRole('textbox', { name: 'Ответ клиенту' })).toHaveValue(
      'Здравствуйте, Ирина! Приносим извинения.',
    );

    await userEvent.keyboard('n'); // not typed: focus is on the picker? keys are ignored in fields
    await userEvent.click(screen.getByRole('tab', { name: 'Заметка для команды' }));
    const note = screen.getByRole('textbox', { name: 'Заметка для команды' });
    expect(note).toHaveValue('');
    await userEvent.type(note, 'перезвонить{Control>}{Enter}{/Control}');
    await waitFor(() =>
      expect(calls.find((x) => x.path === `/api/conversations/${c.id}/notes`)?.body).toEqual({
        text: 'перезвонить',
      }),
    );
    expect(calls.some((x) => x.path.endsWith('/replies'))).toBe(false);
  });

  it('typing / opens the templates: fuzzy over names and text, arrows and Enter insert, the shortcut never stays', async () => {
    setup(() => ({ status: 202, body: {} }));
    const box = await screen.findByRole('textbox', { name: 'Ответ клиенту' });
    await waitFor(() => expect(screen.getByRole('option', { name: /Извинение/ })).toBeInTheDocument());
    await userEvent.type(box, 'Добрый день! /цна');
    const list = await screen.findByRole('listbox', { name: 'Вставить шаблон…' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['ЦенаЦена']);
    await userEvent.clear(box);
    await userEvent.type(box, '/');
    // all templates, this conversation's intent first; arrows move, Enter inserts in place of "/"
    expect(
      within(screen.getByRole('listbox', { name: 'Вставить шаблон…' })).getAllByRole('option'),
    ).toHaveLength(2);
    await userEvent.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    expect(box).toHaveValue('Здравствуйте, Ирина! Приносим извинения.');
    expect(screen.queryByRole('listbox', { name: 'Вставить шаблон…' })).toBeNull();
    // Escape closes the picker and keeps what was typed
    await userEvent.type(box, ' /sor');
    expect(screen.getByRole('listbox', { name: 'Вставить шаблон…' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox', { name: 'Вставить шаблон…' })).toBeNull();
    expect(box).toHaveValue('Здравствуйте, Ирина! Приносим извинения. /sor');
  });

  it('fillTemplate fills {name} and {{name}} and leaves unknown fields', () => {
    expect(fillTemplate('Привет, {name}! {{ name }} {x}', { name: 'Ира' })).toBe('Привет, Ира! Ира {x}');
  });
});
