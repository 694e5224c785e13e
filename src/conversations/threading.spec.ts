import type { NormalizedItem } from '../connectors/connector';
import { directionOf, threadKeyOf } from './threading';

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
    const a = threadKeyOf(base({ author: { externalId: '5' } }));
    const b = threadKeyOf(base({ author: { externalId: '6' } }));
    expect(a).toBe('wall:-42_3|5');
    expect(b).toBe('wall:-42_3|6');
  });

  it('threads private messages by the peer, whoever wrote them', () => {
    const fromCustomer = threadKeyOf(
      base({ kind: 'message', threadExternalId: 'dm:5', author: { externalId: '5' } }),
    );
    const fromBrand = threadKeyOf(
      base({ kind: 'message', threadExternalId: 'dm:5', author: { externalId: '-42', isBrand: true } }),
    );
    expect(fromCustomer).toBe('dm:5');
    expect(fromBrand).toBe('dm:5');
  });

  it('opens no conversation for brand items in public threads', () => {
    const item = base({ author: { externalId: '-42', isBrand: true } });
    expect(directionOf(item)).toBe('outbound');
    expect(threadKeyOf(item)).toBeUndefined();
  });
});
