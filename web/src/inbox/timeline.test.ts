import { describe, expect, it } from 'vitest';
import { details, row } from '../test/fixtures';
import { buildTimeline } from './timeline';

describe('buildTimeline', () => {
  it('orders items, replies and notes by time and shows a delivered reply once (not its echo)', () => {
    const d = details(row(), {}, { firstMessageAt: '2024-11-05T10:00:00.000Z' });
    const echo = {
      ...d.items[0]!,
      id: '102',
      direction: 'outbound' as const,
      externalId: 'wall:9',
      createdAt: '2024-11-05T10:06:00.000Z',
    };
    const entries = buildTimeline({
      items: [d.items[0]!, echo],
      replies: [
        {
          id: 'r1',
          status: 'delivered',
          text: 'Ответ',
          authorId: null,
          authorName: 'Анна',
          inReplyToItemId: '101',
          attempts: 1,
          lastError: null,
          platformMessageId: 'wall:9',
          nextAttemptAt: null,
          createdAt: '2024-11-05T10:05:00.000Z',
          sentAt: null,
          deliveredAt: '2024-11-05T10:06:00.000Z',
          autoAck: false,
        },
      ],
      notes: [
        {
          id: 'n1',
          text: 'заметка',
          authorId: null,
          authorName: 'Анна',
          createdAt: '2024-11-05T10:03:00.000Z',
        },
      ],
    });
    expect(entries.map((e) => e.kind)).toEqual(['item', 'note', 'reply']);
  });
});

describe('replyReasonCode', () => {
  it('finds the outcome code the server puts first, so the UI can word it', async () => {
    const { replyReasonCode } = await import('./Timeline');
    expect(replyReasonCode('unsupported: Replies to photo_comment items are not supported on VK yet')).toBe(
      'unsupported',
    );
    expect(replyReasonCode('gave up after 8 attempts; last temporary: 502')).toBe('gave_up');
    expect(replyReasonCode('flood control')).toBeUndefined();
    expect(replyReasonCode('weird_code: x')).toBeUndefined();
  });
});
