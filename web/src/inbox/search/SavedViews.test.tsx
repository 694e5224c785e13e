import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { row } from '../../test/fixtures';
import { mockNetwork, renderApp } from '../../test/render';
import { InboxPage } from '../InboxPage';

const view = (over: Record<string, unknown>) => ({
  id: `00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
  key: null,
  scope: 'personal',
  ownerId: null,
  teamId: null,
  editable: true,
  count: 0,
  capped: false,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  ...over,
});

describe('saved views and filters', () => {
  it('shows live counts, applies a view to the URL and the server query, and saves the current filters', async () => {
    const breaching = view({
      key: 'breaching_soon',
      name: 'Скоро просрочка',
      scope: 'everyone',
      editable: false,
      filters: { sla: 'at_risk' },
      count: 1000,
      capped: true,
    });
    const mine = view({
      name: 'Мои англ.',
      filters: { status: 'all', language: 'en', assignee: 'me' },
      count: 3,
    });
    const { calls } = mockNetwork({
      'GET /api/conversations': () => ({ conversations: [row()], nextCursor: null }),
      'GET /api/saved-views': () => ({ views: [breaching, mine], countCap: 1000 }),
      'POST /api/saved-views': (c) => ({
        status: 201,
        body: view({ name: (c.body as any).name, filters: (c.body as any).filters }),
      }),
    });
    renderApp(<InboxPage />, { path: '/inbox', route: '/inbox/:conversationId?' });
    expect(await screen.findByText('1000+')).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /^Мои англ/ }));
    await waitFor(() =>
      expect(
        calls.some((c) => /^\/api\/conversations\?.*status=all.*assignee=me.*language=en/.test(c.path)),
      ).toBe(true),
    );
    expect(screen.getByRole('button', { name: /^Мои англ/ })).toHaveAttribute('aria-pressed', 'true');

    // a filter from the bar joins the query; the view is no longer the one shown
    await userEvent.click(screen.getByText('Фильтры'));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Тональность' }), 'negative');
    await waitFor(() => expect(calls.some((c) => c.path.includes('sentiment=negative'))).toBe(true));
    expect(screen.getByRole('button', { name: /^Мои англ/ })).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(screen.getByRole('button', { name: 'Сохранить вид' }));
    await userEvent.type(screen.getByPlaceholderText('Название вида'), 'Злые англ.{Enter}');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const saved = calls.find((c) => c.method === 'POST')!;
    expect(saved.body).toEqual({
      name: 'Злые англ.',
      filters: { status: 'all', assignee: 'me', language: 'en', sentiment: 'negative' },
    });
  }, 20_000);
});
