import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n';
import { mockNetwork, renderApp } from '../test/render';
import { row } from '../test/fixtures';
import { InboxPage } from './InboxPage';

const XSS = '<img src=x onerror="window.__xss=1"> когда дадут интернет?';

describe('the queue', () => {
  it('lists the server order with urgency, countdowns, badges and the customer text as text', async () => {
    const late = row({ dueAt: new Date(Date.now() - 60_000).toISOString(), lastText: XSS });
    const soon = row({
      dueAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      slaStartedAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    const calm = row({
      platform: 'telegram',
      dueAt: null,
      slaStartedAt: null,
      intent: 'praise',
      sentimentLabel: 'positive',
    });
    const { calls } = mockNetwork({
      'GET /api/conversations': () => ({ conversations: [late, soon, calm], nextCursor: null }),
    });
    renderApp(<InboxPage />, { path: '/inbox', route: '/inbox/:conversationId?' });
    const rows = await screen.findAllByRole('option');
    expect(rows.map((r) => r.getAttribute('data-urgency'))).toEqual(['breached', 'warn', 'none']);
    expect(calls.find((c) => c.path.startsWith('/api/conversations'))!.path).toBe(
      '/api/conversations?status=open&limit=50',
    );
    expect(within(rows[0]!).getByText(XSS)).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(within(rows[0]!).getByText(/^−1 мин$/)).toBeInTheDocument();
    expect(within(rows[2]!).getByText('похвала')).toBeInTheDocument();
    expect(within(rows[2]!).getByTitle('Telegram')).toBeInTheDocument();
    expect(screen.getByText('3 обращения')).toBeInTheDocument(); // Russian plural (few)
  });

  it('tabs and Mine/Unassigned ask the server again, and the filter is in the URL', async () => {
    const { calls } = mockNetwork({
      'GET /api/conversations': () => ({ conversations: [row()], nextCursor: null }),
    });
    renderApp(<InboxPage />, { path: '/inbox', route: '/inbox/:conversationId?' });
    await screen.findAllByRole('option');
    await userEvent.click(screen.getByRole('tab', { name: 'Ждут клиента' }));
    await userEvent.click(screen.getByRole('button', { name: 'Мои' }));
    await waitFor(() =>
      expect(calls.at(-1)!.path).toBe('/api/conversations?status=pending&limit=50&assignee=me'),
    );
    expect(screen.getByRole('tab', { name: 'Ждут клиента' })).toHaveAttribute('aria-selected', 'true');
  });

  it('j/k move through the rows, Enter opens one, / focuses the search box, which asks the server', async () => {
    const rows = [row({ contact: { displayName: 'Борис', username: null } }), row(), row()];
    const { calls } = mockNetwork({
      // the server searches: names, text, order numbers (tested in test/inbox/search.int-spec.ts)
      'GET /api/conversations': (c) => ({
        conversations: new URL(c.path, 'http://x').searchParams.get('q') ? rows.slice(0, 1) : rows,
        nextCursor: null,
      }),
      [`GET /api/conversations/${rows[1]!.id}`]: () => ({
        status: 404,
        body: { message: 'conversation not found' },
      }),
    });
    renderApp(<InboxPage />, { path: '/inbox', route: '/inbox/:conversationId?' });
    await screen.findAllByRole('option');
    await userEvent.keyboard('j');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-id')).toBe(rows[1]!.id));
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Обращение не найдено')).toBeInTheDocument();
    await userEvent.keyboard('/');
    expect(screen.getByRole('searchbox')).toHaveFocus();
    await userEvent.keyboard('бор');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(
      calls.some((c) => c.path.startsWith('/api/conversations?') && c.path.includes('q=%D0%B1%D0%BE%D1%80')),
    ).toBe(true);
  });

  it('speaks English after RU→EN, with English plurals', async () => {
    mockNetwork({ 'GET /api/conversations': () => ({ conversations: [row()], nextCursor: null }) });
    await setLanguage('en', false);
    renderApp(<InboxPage />, { path: '/inbox', route: '/inbox/:conversationId?' });
    await screen.findAllByRole('option');
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Open',
      'Pending',
      'Snoozed',
      'Resolved',
      'All',
    ]);
    expect(screen.getByText('1 conversation')).toBeInTheDocument();
  });

  it('says the server cannot be reached in words, not "Failed to fetch"', async () => {
    mockNetwork({ 'GET /api/conversations': () => new Error('down') });
    renderApp(<InboxPage />, { path: '/inbox', route: '/inbox/:conversationId?' });
    expect(await screen.findByText(/Нет связи с сервером/)).toBeInTheDocument();
    expect(screen.queryByText(/Failed to fetch/)).toBeNull();
  });

  it('polls every 5 s while the live stream is down (no stream in this test)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = mockNetwork({
      'GET /api/conversations': () => ({ conversations: [row()], nextCursor: null }),
    });
    renderApp(<InboxPage />, { path: '/inbox', route: '/inbox/:conversationId?' });
    await screen.findAllByRole('option');
    const queueCalls = () => calls.filter((c) => c.path.startsWith('/api/conversations?')).length;
    expect(queueCalls()).toBe(1);
    await vi.advanceTimersByTimeAsync(5100);
    await waitFor(() => expect(queueCalls()).toBe(2));
    vi.useRealTimers();
  });
});
