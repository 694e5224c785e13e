import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TimelineReply } from '../api/client';
import { details, LABELS, row } from '../test/fixtures';
import { AGENT, mockNetwork, renderApp } from '../test/render';
import { InboxPage } from './InboxPage';

const reply = (over: Partial<TimelineReply>): TimelineReply => ({
  id: 'r1',
  status: 'delivered',
  text: 'Проверили линию',
  authorId: AGENT.id,
  authorName: 'Анна',
  inReplyToItemId: '101',
  attempts: 1,
  lastError: null,
  platformMessageId: null,
  nextAttemptAt: null,
  createdAt: new Date().toISOString(),
  sentAt: null,
  deliveredAt: null,
  ...over,
});

function setup(over: Parameters<typeof details>[1] = {}, convOver: Parameters<typeof row>[0] = {}) {
  const c = row(convOver);
  const d = details(c, over);
  const net = mockNetwork({
    'GET /api/conversations': () => ({ conversations: [c], nextCursor: null }),
    [`GET /api/conversations/${c.id}`]: () => d,
    'GET /api/analysis/labels': () => LABELS,
    'GET /api/templates': () => [],
    [`PATCH /api/conversations/${c.id}`]: (call) => ({ ...d.conversation, ...(call.body as object) }),
    'PATCH /api/items/101/analysis': () => ({ itemId: '101', sentiment: 'negative', intent: 'complaint' }),
    'POST /api/replies/r1/resend': () => reply({ status: 'queued' }),
  });
  renderApp(<InboxPage />, { path: `/inbox/${c.id}`, route: '/inbox/:conversationId?' });
  return { c, d, ...net };
}

describe('the conversation', () => {
  it('shows the timeline: customer text, our replies with delivery status, and notes marked internal', async () => {
    setup({
      replies: [
        reply({ status: 'delivered' }),
        reply({ id: 'r2', status: 'unknown', text: 'второй', lastError: 'connection reset after send' }),
      ],
      notes: [
        {
          id: 'n1',
          text: 'клиент VIP',
          authorId: null,
          authorName: 'Олег',
          createdAt: new Date().toISOString(),
        },
      ],
    });
    const log = await screen.findByRole('log');
    expect(within(log).getByText('Где мой заказ?')).toBeInTheDocument();
    expect(within(log).getByText('доставлено')).toHaveClass('delivery-chip-delivered');
    expect(within(log).getByText('статус неизвестен')).toBeInTheDocument();
    expect(within(log).getByText(/Неизвестно, дошло ли сообщение/)).toBeInTheDocument();
    // the worker's English words are quoted and folded, never mixed into the Russian sentence
    expect(within(log).getByText('Сообщение системы')).toBeInTheDocument();
    expect(within(log).getByText('клиент VIP').closest('aside')).toHaveAccessibleName(
      'Внутренняя заметка · клиент её не видит',
    );
    expect(within(log).getByRole('button', { name: 'Отметить доставленным' })).toBeInTheDocument();
  });

  it('resend on an unknown reply, assign to me and resolve with the keyboard, status in place', async () => {
    const { c, calls } = setup({ replies: [reply({ status: 'failed', lastError: 'blocked' })] });
    await userEvent.click(await screen.findByRole('button', { name: 'Отправить ещё раз' }));
    await waitFor(() =>
      expect(calls.some((x) => x.method === 'POST' && x.path === '/api/replies/r1/resend')).toBe(true),
    );
    await userEvent.keyboard('a');
    await waitFor(() =>
      expect(
        calls.find((x) => x.method === 'PATCH' && x.path === `/api/conversations/${c.id}`)?.body,
      ).toEqual({ assigneeId: AGENT.id }),
    );
    await userEvent.keyboard('e');
    await waitFor(() =>
      expect(calls.filter((x) => x.method === 'PATCH').at(-1)?.body).toEqual({ status: 'resolved' }),
    );
  });

  it('an admin takes a held conversation by an explicit reassignment naming its holder', async () => {
    const admin = { ...AGENT, id: '22222222-2222-4222-8222-222222222222', role: 'admin' as const };
    const c = row({ assigneeId: AGENT.id });
    const d = details(c);
    const { calls } = mockNetwork({
      'GET /api/conversations': () => ({ conversations: [c], nextCursor: null }),
      [`GET /api/conversations/${c.id}`]: () => d,
      'GET /api/analysis/labels': () => LABELS,
      'GET /api/templates': () => [],
      [`POST /api/conversations/${c.id}/reassign`]: () => ({ ...d.conversation, assigneeId: admin.id }),
    });
    renderApp(<InboxPage />, { path: `/inbox/${c.id}`, route: '/inbox/:conversationId?', me: admin });
    await userEvent.click(await screen.findByRole('button', { name: 'Забрать себе' }));
    await waitFor(() =>
      expect(calls.find((x) => x.path === `/api/conversations/${c.id}/reassign`)?.body).toEqual({
        assigneeId: admin.id,
        fromAssigneeId: AGENT.id,
      }),
    );
    expect(calls.some((x) => x.method === 'PATCH')).toBe(false);
  });

  it('asks before snoozing past the deadline, and sends the confirmation only when the agent agrees', async () => {
    const { c, calls } = setup();
    const dueAt = new Date(Date.now() + 20 * 60_000).toISOString();
    let answered = 0;
    mockNetwork({
      'GET /api/conversations': () => ({ conversations: [c], nextCursor: null }),
      [`GET /api/conversations/${c.id}`]: () => details(c),
      'GET /api/analysis/labels': () => LABELS,
      'GET /api/templates': () => [],
      [`PATCH /api/conversations/${c.id}`]: (call) => {
        calls.push(call);
        if ((call.body as { confirmPastDeadline?: boolean }).confirmPastDeadline)
          return { ...c, status: 'snoozed' };
        answered++;
        return { status: 409, body: { statusCode: 409, code: 'snooze_past_deadline', dueAt } };
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    const snooze = await screen.findByRole('combobox', { name: 'Отложить' });
    await userEvent.selectOptions(snooze, '4h');
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    expect(calls.filter((x) => x.method === 'PATCH')).toHaveLength(1); // declined: nothing more sent
    await userEvent.selectOptions(snooze, '4h');
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(calls.filter((x) => x.method === 'PATCH').at(-1)?.body).toMatchObject({
        status: 'snoozed',
        confirmPastDeadline: true,
      }),
    );
    expect(answered).toBe(2);
    confirm.mockRestore();
  });

  it('corrects the analysis with the labels the server gives', async () => {
    const { calls } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Исправить анализ' }));
    const intent = screen.getByRole('combobox', { name: 'Намерение' });
    expect(
      within(intent)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(LABELS.intents);
    await userEvent.selectOptions(intent, 'complaint');
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() =>
      expect(calls.find((x) => x.path === '/api/items/101/analysis')?.body).toEqual({ intent: 'complaint' }),
    );
  });

  it('an analyst reads but cannot write', async () => {
    const c = row();
    mockNetwork({
      'GET /api/conversations': () => ({ conversations: [c], nextCursor: null }),
      [`GET /api/conversations/${c.id}`]: () => details(c),
    });
    renderApp(<InboxPage />, {
      path: `/inbox/${c.id}`,
      route: '/inbox/:conversationId?',
      me: { ...AGENT, role: 'analyst' },
    });
    expect(await screen.findByText(/Режим просмотра/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Взять себе' })).toBeNull();
  });
});
