import { act, screen, waitFor, within } from '@testing-library/react';
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
  autoAck: false,
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

  it('at capacity: an agent is told why; an admin is asked and may assign anyway (overCapacity)', async () => {
    const c = row();
    const full = { statusCode: 409, code: 'at_capacity', assigneeId: AGENT.id, load: 6, capacity: 6 };
    const routes = (calls: { body: unknown }[]) => ({
      'GET /api/conversations': () => ({ conversations: [c], nextCursor: null }),
      [`GET /api/conversations/${c.id}`]: () => details(c),
      'GET /api/analysis/labels': () => LABELS,
      'GET /api/templates': () => [],
      [`PATCH /api/conversations/${c.id}`]: (call: { body: unknown }) => {
        calls.push(call);
        return (call.body as { overCapacity?: boolean }).overCapacity
          ? { ...c, assigneeId: AGENT.id }
          : { status: 409, body: full };
      },
    });
    const agentCalls: { body: unknown }[] = [];
    mockNetwork(routes(agentCalls));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const view = renderApp(<InboxPage />, { path: `/inbox/${c.id}`, route: '/inbox/:conversationId?' });
    await userEvent.click(await screen.findByRole('button', { name: 'Взять себе' }));
    expect(await screen.findByText(/У вас уже 6 из 6 диалогов в работе/)).toBeInTheDocument();
    expect(confirm).not.toHaveBeenCalled();
    expect(agentCalls).toHaveLength(1);
    view.unmount();

    const admin = { ...AGENT, id: '22222222-2222-4222-8222-222222222222', role: 'admin' as const };
    const adminCalls: { body: unknown }[] = [];
    mockNetwork(routes(adminCalls));
    renderApp(<InboxPage />, { path: `/inbox/${c.id}`, route: '/inbox/:conversationId?', me: admin });
    await userEvent.click(await screen.findByRole('button', { name: 'Взять себе' }));
    await waitFor(() => expect(adminCalls).toHaveLength(2));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(adminCalls[1]?.body).toEqual({ assigneeId: admin.id, overCapacity: true });
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

  it('shows why on hover and keyboard focus of the badges, as the badge’s description; Escape hides it', async () => {
    const c = row({ platform: 'youtube' });
    const d = details(c);
    d.items[0] = {
      ...d.items[0]!,
      why: {
        sentiment: [
          { feature: 'не работает', weight: 1.84 },
          { feature: 'negative words', weight: 0.52 },
        ],
        intent: [{ feature: 'question mark', weight: 0.9 }],
      },
      url: 'https://www.youtube.com/watch?v=vid_1234567&lc=Ugz1',
    };
    mockNetwork({
      'GET /api/conversations': () => ({ conversations: [c], nextCursor: null }),
      [`GET /api/conversations/${c.id}`]: () => d,
      'GET /api/analysis/labels': () => LABELS,
      'GET /api/templates': () => [],
    });
    renderApp(<InboxPage />, { path: `/inbox/${c.id}`, route: '/inbox/:conversationId?' });
    const log = await screen.findByRole('log');
    const sentiment = within(log).getByRole('button', { name: 'негатив' });
    expect(sentiment).toHaveAccessibleDescription(
      'Почему тональность «негатив»: не работает +1,8; негативные слова +0,5',
    );
    expect(within(log).queryByRole('tooltip')).toBeNull(); // hidden until asked
    await userEvent.hover(sentiment);
    expect(within(log).getByRole('tooltip')).toHaveTextContent('не работает +1,8');
    await userEvent.unhover(sentiment);
    expect(within(log).queryByRole('tooltip')).toBeNull();
    // the keyboard reaches the intent badge and shows its reasons
    const intent = within(log).getByRole('button', { name: 'поддержка' });
    act(() => intent.focus());
    expect(within(log).getByRole('tooltip')).toHaveTextContent(
      'Почему намерение «поддержка»: вопросительный знак +0,9',
    );
    await userEvent.keyboard('{Escape}');
    expect(within(log).queryByRole('tooltip')).toBeNull();
    expect(screen.getByRole('log')).toBe(log); // only the reasons closed, not the conversation
    // the item links to its original on its platform, in a new tab without a referrer
    const link = within(log).getByRole('link', { name: 'Открыть в YouTube' });
    expect(link).toHaveAttribute('href', 'https://www.youtube.com/watch?v=vid_1234567&lc=Ugz1');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('an item analysed before the reasons were kept says so; an item without an address has no link', async () => {
    setup();
    const log = await screen.findByRole('log');
    expect(within(log).getByRole('button', { name: 'негатив' })).toHaveAccessibleDescription(
      /Модель не сохранила, что повлияло/,
    );
    expect(within(log).queryByRole('link')).toBeNull();
  });

  it('a VK surface the source cannot answer says which token and access right it needs', async () => {
    setup({
      replies: [
        reply({
          status: 'failed',
          lastError:
            'unsupported: VK refused photos.createComment (VK error 15): Replying to photo comments needs a user token of a community administrator with the "photos" access right (VK takes photos.createComment from user tokens only)',
        }),
        reply({
          id: 'r2',
          status: 'failed',
          lastError:
            'unsupported: Replying to board topics needs a user token of a community administrator (VK takes board.createComment from user tokens only)',
        }),
      ],
    });
    const log = await screen.findByRole('log');
    expect(
      within(log).getByText(
        'Причина: чтобы отвечать на комментарии к фотографиям от имени сообщества, нужен ключ пользователя — администратора сообщества с правом «photos». Администратор добавляет его в настройках источника (ВКонтакте отказал (photos.createComment, ошибка 15))',
      ),
    ).toBeInTheDocument();
    expect(
      within(log).getByText(
        /^Причина: чтобы отвечать на сообщения в обсуждениях от имени сообщества, нужен ключ пользователя — администратора сообщества\. /,
      ),
    ).toBeInTheDocument();
  });
});
