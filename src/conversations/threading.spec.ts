import type { NormalizedItem } from '../connectors/connector';
import { directionOf, placeInThread } from './threading';

const base = (over: Partial<NormalizedItem>): NormalizedItem => ({
  externalId: 'x',
  kind: 'comment',
  threadExternalId: 'wall:-42_3',
  author: { externalId: '5' },
  text: 't',
  createdAt: new Date(0),
  ...over,
});

describe('threading', () => {
  it('gives each author under one post their own conversation', () => {
    expect(placeInThread(base({ author: { externalId: '5' } }))).toEqual({
      key: 'wall:-42_3|5',
      opens: true,
    });
    expect(placeInThread(base({ author: { externalId: '6' } }))).toEqual({
      key: 'wall:-42_3|6',
      opens: true,
    });
  });

  it('threads private messages by the peer (VK dm:<peer>, Telegram private chat id)', () => {
    expect(placeInThread(base({ kind: 'message', threadExternalId: 'dm:5' }))).toEqual({
      key: 'dm:5',
      opens: true,
    });
    expect(
      placeInThread(base({ kind: 'message', threadExternalId: '555', author: { externalId: '555' } })),
    ).toEqual({
      key: '555',
      opens: true,
    });
  });

  it('threads group-chat messages per author', () => {
    const item = base({ kind: 'message', threadExternalId: '-100200', author: { externalId: '556' } });
    expect(placeInThread(item)).toEqual({ key: '-100200|556', opens: true });
  });

  it('lets brand messages join a private conversation but never open one', () => {
    const item = base({
      kind: 'message',
      threadExternalId: 'dm:5',
      author: { externalId: '-42', isBrand: true },
    });
    expect(directionOf(item)).toBe('outbound');
    expect(placeInThread(item)).toEqual({ key: 'dm:5', opens: false });
  });

  it('places brand items in public threads by their parent only', () => {
    expect(placeInThread(base({ author: { externalId: '-42', isBrand: true } }))).toBeUndefined();
  });
});
