/**
 * Answering YouTube comments as the channel (comments.insert) against the emulator: exactly once
 * or `unknown` (YouTube has no idempotency key), the quota a reply needs, held and deleted comments.
 */
import { ConnectorError, OutgoingReply } from '../../src/connectors/connector';
import { quotaDay, YouTubeConnector } from '../../src/connectors/youtube';
import { YOUTUBE_DEMO } from '../../src/emulators/youtube';
import { CHANNEL, startYouTubeFixture, YouTubeFixture } from './support';

describe('YouTube replies', () => {
  let fx: YouTubeFixture;
  let connector: YouTubeConnector;

  beforeEach(async () => {
    fx = await startYouTubeFixture();
    connector = new YouTubeConnector();
  });
  afterEach(() => fx.emu.stop());

  const say = (text: string, over: { parentId?: string; held?: boolean } = {}) =>
    fx.emu.control.comment({
      channelId: CHANNEL,
      videoId: fx.video,
      author: { channelId: 'UCanna', name: 'anna' },
      text,
      ...over,
    });
  const replyTo = (commentId: string, replyId = 'rep-1', raw?: unknown): OutgoingReply => ({
    replyId,
    text: 'Спасибо! 4K будет в декабре.',
    inReplyTo: { externalId: `yt_comment:${commentId}`, threadExternalId: 't', kind: 'comment', raw },
  });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a failure');
      },
      (e) => e as ConnectorError,
    );

  it('answers as the channel under the thread; a reply to a reply goes under the same top-level comment', async () => {
    const top = say('Когда будет 4K?');
    const sent = await connector.send(fx.source(), replyTo(top.id));
    const [out] = fx.emu.control.outbox();
    expect(out).toMatchObject({ method: 'comments.insert', channelId: CHANNEL, parentId: top.id });
    expect(sent.platformMessageId).toBe(`yt_comment:${out.commentId}`);
    const reply = say('а для Android?', { parentId: top.id });
    await connector.send(fx.source(), replyTo(reply.id, 'rep-2'));
    expect(fx.emu.control.outbox()[1].parentId).toBe(top.id);
    expect(fx.quota.usage?.used).toBe(100); // 50 units each
  });

  it('Y6/Y8: the insert committed but its answer lost (timeout, reset, 5xx) is unknown_outcome, never resent', async () => {
    const top = say('ответьте');
    for (const action of [
      { type: 'commit_then_delay' as const, ms: 1500 }, // > requestTimeoutMs (1000)
      { type: 'commit_then_reset' as const },
      { type: 'commit_then_http' as const, status: 503 },
    ]) {
      fx.emu.control.fault({ match: { method: 'comments.insert' }, times: 1, action });
      const err = await failure(connector.send(fx.source(), replyTo(top.id, `r-${action.type}`)));
      expect(err.code).toBe('unknown_outcome');
    }
    expect(fx.emu.control.requests({ method: 'comments.insert' })).toHaveLength(3); // one try each
    expect(fx.emu.control.outbox()).toHaveLength(3);
  });

  it('Y7: rateLimitExceeded and quotaExceeded on the insert are rate_limited (nothing posted)', async () => {
    const top = say('x');
    fx.emu.control.fault({
      match: { method: 'comments.insert' },
      times: 1,
      action: { type: 'api_error', code: 403, msg: 'rateLimitExceeded' },
    });
    expect(await failure(connector.send(fx.source(), replyTo(top.id)))).toMatchObject({
      code: 'rate_limited',
    });
    fx.emu.control.quota({ clientId: YOUTUBE_DEMO.clientId, used: 9990 });
    const spent = await failure(connector.send(fx.source(), replyTo(top.id)));
    expect(spent.code).toBe('rate_limited');
    expect(spent.retryAfterMs).toBeGreaterThan(0);
    expect(fx.emu.control.outbox()).toEqual([]);
  });

  it('a reply that would not fit in today’s quota is not even tried: rate_limited until the reset', async () => {
    const top = say('x');
    fx.quota.usage = { day: quotaDay(new Date()), used: 9960 };
    fx.emu.control.clearRequests();
    const err = await failure(connector.send(fx.source(), replyTo(top.id)));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toMatch(/quota for today is spent/);
    expect(fx.emu.control.requests({ method: 'comments.insert' })).toEqual([]);
  });

  it('Y14: a comment held for review or deleted by its author cannot be answered: rejected, with the reason', async () => {
    const held = say('спам?', { held: true });
    const heldErr = await failure(connector.send(fx.source(), replyTo(held.id)));
    expect(heldErr).toMatchObject({ code: 'rejected', message: expect.stringMatching(/held for review/) });
    const gone = say('удалю');
    fx.emu.control.remove({ id: gone.id });
    const goneErr = await failure(connector.send(fx.source(), replyTo(gone.id, 'r2')));
    expect(goneErr).toMatchObject({ code: 'rejected', message: expect.stringMatching(/deleted/) });
    expect(fx.emu.control.outbox()).toEqual([]);
  });
});
