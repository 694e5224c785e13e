/**
 * Issue 8, point 1 (the class): a receiver's background loop that fails in a way it did not
 * foresee reports and stops that receiver; it never leaves a rejection for the process to die of.
 */
import { ConnectorError } from '../../src/connectors/connector';
import { TelegramConnector } from '../../src/connectors/telegram';
import { startTelegramEmulator, TelegramEmulator } from '../../src/emulators/telegram';
import { ANNA, Inbox, telegramSource, waitFor } from '../telegram/support';

describe('a Telegram receiver loop that fails unexpectedly', () => {
  let emu: TelegramEmulator;
  beforeEach(async () => {
    emu = await startTelegramEmulator({ maxHoldMs: 200 });
  });
  afterEach(() => emu.stop());

  it('an update mapping cannot read stops that receiver with a report (onStopped), nothing unhandled', async () => {
    const connector = new TelegramConnector({ retryBaseMs: 20 });
    const inbox = new Inbox();
    const stopped: ConnectorError[] = [];
    const stop = await connector.receive(
      telegramSource(emu, { settings: { pollTimeoutSec: 1 } }),
      inbox.emit,
      {
        onStopped: (err) => stopped.push(err),
      },
    );
    try {
      const { updateIds } = emu.control.send({ from: ANNA, text: 'до' });
      await waitFor(() => inbox.rows.size === 1, 5000, 'the first message');
      // A message without a chat: mapping throws a TypeError on it.
      emu.state.enqueue(emu.state.bot(), 'message', { message: { message_id: 99, date: 1, text: '?' } });
      await waitFor(() => stopped.length === 1, 5000, 'the receiver to report that it stopped');
      expect(stopped[0]).toBeInstanceOf(ConnectorError);
      expect(stopped[0].code).toBe('temporary');
      expect(stopped[0].message).toMatch(/^Telegram receiver stopped: Cannot read properties of undefined/);
      // The malformed batch was not confirmed: a restarted receiver meets it again (nothing skipped).
      expect(inbox.cursors.updates).toEqual({ offset: updateIds[0] + 1 });
    } finally {
      await stop();
    }
  });
});
