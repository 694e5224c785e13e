/**
 * Issue 8, point 9: Telegram answers 5xx after the message was posted (the emulator's
 * `commit_then_http` fault). With the real telegraf client the outcome is ambiguous, so the reply
 * becomes `unknown` for a person to decide and is never resent blindly: exactly one message.
 */
import { TelegramConnector } from '../../src/connectors/telegram';
import { startTelegramEmulator, TelegramEmulator } from '../../src/emulators/telegram';
import { ReplySweepService } from '../../src/replies/reply-sweep.service';
import { assertInvariants, item, startWorld, tgMessage, until, waitForItems, World } from '../e2e/harness';
import { ANNA, telegramSource } from '../telegram/support';

describe('Telegram: 5xx after the message was posted', () => {
  describe('the connector with telegraf', () => {
    let emu: TelegramEmulator;
    beforeEach(async () => {
      emu = await startTelegramEmulator({ maxHoldMs: 200 });
    });
    afterEach(() => emu.stop());

    it.each([
      ['a 502 page', { status: 502 }],
      ['a JSON 500', { status: 500, contentType: 'application/json', body: '{"ok":false,"error_code":500}' }],
    ])(
      '%s after commit → unknown_outcome, the message posted once, no second request',
      async (_what, http) => {
        const { message } = emu.control.send({ from: ANNA, text: 'ответьте' });
        emu.control.addFault({
          match: { method: 'sendMessage' },
          times: 1,
          action: { type: 'commit_then_http', ...http },
        });
        const err = await new TelegramConnector({ sendTimeoutMs: 2000 })
          .send(telegramSource(emu), {
            replyId: 'reply-5xx',
            text: 'Спасибо, проверим!',
            inReplyTo: {
              externalId: `${message.chat.id}:${message.message_id}`,
              threadExternalId: String(message.chat.id),
              kind: 'message',
              raw: message,
            },
          })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(err).toMatchObject({ code: 'unknown_outcome' });
        expect(emu.control.outbox()).toHaveLength(1);
        expect(emu.control.requests({ method: 'sendMessage' }).map((r) => r.status)).toEqual([http.status]);
      },
    );
  });

  describe('a reply through the app', () => {
    let w: World;
    beforeAll(async () => {
      w = await startWorld();
    });
    afterEach(async () => {
      w.tg.control.clearFaults();
      await assertInvariants(w);
    });
    afterAll(() => w?.close());

    it('commit then 502 → the reply is `unknown`, one message, not resent after the sweep', async () => {
      const c = w.tg.control;
      const { key } = tgMessage(w, { id: 603, first_name: 'Vera' }, 'где мой заказ?');
      await waitForItems(w, w.tgSourceId, [key]);
      const conv = (await item(w, w.tgSourceId, key))!.conversation_id;
      c.addFault({
        match: { method: 'sendMessage' },
        times: 1,
        action: { type: 'commit_then_http', status: 502 },
      });
      const r = await w.admin.post(`/api/conversations/${conv}/replies`, { text: 'Заказ уже в пути.' });
      expect(r.status).toBe(202);
      let body: any;
      await until(
        async () =>
          !['queued', 'sending'].includes(
            (body = (await w.admin.get(`/api/replies/${r.body.id}`)).body).status,
          ),
        10_000,
        'the reply to settle',
        100,
      );
      expect(body.status).toBe('unknown');
      expect(body.lastError).toMatch(/^unknown_outcome: Telegram 502/);
      await w.app!.app.get(ReplySweepService).sweep({ graceSeconds: 0, leaseSeconds: 0 });
      await new Promise((res) => setTimeout(res, 3000)); // a retry (2 s backoff) would have run by now
      expect((await w.admin.get(`/api/replies/${r.body.id}`)).body.status).toBe('unknown');
      expect(c.requests({ method: 'sendMessage' }).filter((q) => q.params.chat_id === 603)).toHaveLength(1);
      expect(c.outbox({ chat_id: 603 })).toHaveLength(1);
    });
  });
});
