/** Replies as the community, exactly once (T6), with the real vk-io client. */
import { OutgoingReply } from '../../src/connectors/connector';
import { deriveGuid, deriveRandomId, VkConnector } from '../../src/connectors/vk';
import { GROUP_ID, startVkFixture, VkFixture } from './support';

describe('VK replies', () => {
  let fx: VkFixture;
  let connector: VkConnector;

  beforeEach(async () => {
    fx = await startVkFixture();
    connector = new VkConnector();
  });
  afterEach(async () => {
    await connector.close();
    await fx.emu.stop();
  });

  function replyTo(
    externalId: string,
    kind: OutgoingReply['inReplyTo']['kind'],
    replyId = 'a3f1c0de-0000-4000-8000-000000000001',
  ) {
    return { replyId, text: 'Спасибо, разберёмся', inReplyTo: { externalId, threadExternalId: 't', kind } };
  }

  it('T6: wall.createComment committed but answered after apiTimeout → vk-io retries with the same guid → one comment', async () => {
    const c = fx.emu.control;
    const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
    const comment = c.comment({ ownerId: -GROUP_ID, postId: post.id, fromId: 5, text: 'help' });
    c.fault({
      match: { method: 'wall.createComment' },
      times: 1,
      action: { type: 'commit_then_delay', ms: 1500 },
    });
    const reply = replyTo(`wall_comment:-42_${post.id}_${comment.id}`, 'comment');
    const sent = await connector.send(fx.source(), reply);
    expect(c.requests({ method: 'wall.createComment' }).length).toBeGreaterThanOrEqual(2); // the retry happened
    const outbox = c.outbox({ method: 'wall.createComment' });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].params).toMatchObject({
      guid: deriveGuid(reply.replyId),
      from_group: '42',
      reply_to_comment: String(comment.id),
    });
    expect(sent.platformMessageId).toBe(
      `wall_comment:-42_${post.id}_${(outbox[0].result as { comment_id: number }).comment_id}`,
    );
    // A later resend by the outbox worker (same reply id) returns the same comment.
    expect(await connector.send(fx.source(), reply)).toEqual(sent);
    expect(c.outbox()).toHaveLength(1);
  });

  it('T6: messages.send committed but answered after apiTimeout → same random_id → one message', async () => {
    const c = fx.emu.control;
    const incoming = c.message({ groupId: GROUP_ID, fromId: 5, text: 'где мой заказ?' });
    c.fault({
      match: { method: 'messages.send' },
      times: 1,
      action: { type: 'commit_then_delay', ms: 1500 },
    });
    const reply = replyTo(`message:5_${incoming.id}`, 'message', 'b7e2c0de-0000-4000-8000-000000000002');
    const sent = await connector.send(fx.source(), reply);
    const outbox = c.outbox({ method: 'messages.send' });
    expect(outbox).toHaveLength(1);
    expect(outbox[0].params.random_id).toBe(String(deriveRandomId(reply.replyId)));
    expect(sent.platformMessageId).toBe(`message:5_${outbox[0].result as number}`);
    expect(await connector.send(fx.source(), reply)).toEqual(sent);
    expect(c.outbox()).toHaveLength(1);
    expect(c.state.conversation(GROUP_ID, 5).messages.filter((m) => m.out)).toHaveLength(1);
  });

  it('a connection reset after commit is retried by vk-io with the same key → still one message', async () => {
    const c = fx.emu.control;
    const incoming = c.message({ groupId: GROUP_ID, fromId: 5, text: 'hi' });
    c.fault({ match: { method: 'messages.send' }, times: 1, action: { type: 'commit_then_reset' } });
    await connector.send(fx.source(), replyTo(`message:5_${incoming.id}`, 'message'));
    expect(c.outbox()).toHaveLength(1);
  });

  it('a 502 page after commit: the send is retried with the same key → still one comment', async () => {
    const c = fx.emu.control;
    const post = c.post({ ownerId: -GROUP_ID, text: 'p' });
    c.fault({
      match: { method: 'wall.createComment' },
      times: 1,
      action: { type: 'commit_then_http', status: 502 },
    });
    await connector.send(fx.source(), replyTo(`wall_post:-42_${post.id}`, 'post')).catch(() => undefined);
    // Whether vk-io retried by itself or the outbox sends again, VK dedupes the guid.
    await connector.send(fx.source(), replyTo(`wall_post:-42_${post.id}`, 'post'));
    expect(c.requests({ method: 'wall.createComment' }).length).toBeGreaterThanOrEqual(2);
    expect(c.outbox({ method: 'wall.createComment' })).toHaveLength(1);
  });

  it('idempotency keys are deterministic and distinct per reply', () => {
    expect(deriveRandomId('x')).toBe(deriveRandomId('x'));
    expect(deriveRandomId('x')).not.toBe(deriveRandomId('y'));
    expect(Number.isSafeInteger(deriveRandomId('x'))).toBe(true);
    expect(deriveGuid('x')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses what VK refuses: a user without message permission (901), a board reply without a user token', async () => {
    await expect(connector.send(fx.source(), replyTo('message:99_1', 'message'))).rejects.toMatchObject({
      code: 'rejected',
    });
    // Only this reply fails: the source itself is fine (it still receives and answers elsewhere).
    await expect(connector.send(fx.source(), replyTo('board:42_77_1', 'board_post'))).rejects.toMatchObject({
      code: 'unsupported',
    });
  });
});
