import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AGENT, mockNetwork, renderApp } from '../test/render';
import { BulkBar } from './BulkBar';

const VERA = '33333333-3333-4333-8333-333333333333';
const IDS = ['c1', 'c2', 'c3'];
const ADMIN = { ...AGENT, id: '22222222-2222-4222-8222-222222222222', role: 'admin' as const };

/** The server: Vera has room for one more; the rest are refused at_capacity unless overCapacity. */
function server() {
  const bulk: Record<string, unknown>[] = [];
  const net = mockNetwork({
    'GET /api/tags': () => [],
    'GET /api/inbox/assignees': () => ({
      agents: [{ id: VERA, name: 'Вера', role: 'agent', open: 4, pending: 1, capacity: 6, teamIds: [] }],
      teams: [],
    }),
    'POST /api/conversations/bulk': (call) => {
      const b = call.body as { conversationIds: string[]; overCapacity?: boolean };
      bulk.push(b);
      const results = b.conversationIds.map((id, i) =>
        b.overCapacity || i === 0
          ? { id, ok: true, status: 200, error: null, code: null }
          : { id, ok: false, status: 409, error: 'Вера already has 6 of 6', code: 'at_capacity' },
      );
      const succeeded = results.filter((r) => r.ok).length;
      return { action: 'assign', succeeded, failed: results.length - succeeded, results };
    },
  });
  return { bulk, ...net };
}

describe('the bulk bar', () => {
  it('hands the selection to a colleague, showing her load; an admin may assign the refused ones anyway', async () => {
    const { bulk } = server();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const done = vi.fn();
    renderApp(<BulkBar ids={IDS} onDone={done} />, { me: ADMIN });
    const pick = screen.getByRole('combobox', { name: 'Передать…' });
    await userEvent.click(pick);
    // her load counts pending conversations too, as capacity does
    const option = await screen.findByRole('option', { name: 'Вера — 5 из 6' });
    await userEvent.selectOptions(pick, option);
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.mock.calls[0]![0]).toMatch(/Вера: нет места ещё для 2 обращений \(5 из 6\)/);
    expect(bulk).toEqual([
      { action: 'assign', assigneeId: VERA, conversationIds: IDS },
      { action: 'assign', assigneeId: VERA, overCapacity: true, conversationIds: ['c2', 'c3'] },
    ]);
    expect(await screen.findByText('Готово: 3 обращения')).toBeInTheDocument();
    confirm.mockRestore();
  });

  it('an agent is not asked: the refused ones are reported as failed', async () => {
    const { bulk } = server();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderApp(<BulkBar ids={IDS} onDone={() => {}} />);
    const pick = screen.getByRole('combobox', { name: 'Передать…' });
    await userEvent.click(pick);
    await userEvent.selectOptions(pick, await screen.findByRole('option', { name: 'Вера — 5 из 6' }));
    expect(await screen.findByText('Готово: 1 обращение · не удалось: 2')).toBeInTheDocument();
    expect(confirm).not.toHaveBeenCalled();
    expect(bulk).toHaveLength(1);
    confirm.mockRestore();
  });
});
