import { isHighReach, reachOf } from './high-reach';
import { quietUntil } from './quiet-hours';
import { sourceProblem } from './source-watch';
import { closedBuckets } from './windows';

describe('high-reach items', () => {
  it('reads VK counters and the replies Otklik stored', () => {
    const raw = {
      comments: { count: 12 },
      likes: { count: 40 },
      reposts: { count: 3 },
      views: { count: 9000 },
    };
    expect(reachOf(raw, 20)).toEqual({ comments: 20, reactions: 40, reposts: 3, views: 9000, score: 63 });
    expect(isHighReach(reachOf(raw, 0), { minReach: 50, lookbackHours: 24 })).toBe(true);
    expect(reachOf({ comments: { count: 'many' }, likes: -5 }, 2).score).toBe(2);
    expect(reachOf(null, 0).score).toBe(0);
  });
});

describe('quiet hours', () => {
  const q = { from: '22:00', to: '08:00' };
  it('span midnight in the rule time zone', () => {
    // 23:30 in Moscow (UTC+3) = 20:30 UTC: quiet until 08:00 Moscow next day = 05:00 UTC
    expect(quietUntil(new Date('2030-01-01T20:30:00Z'), q, 'Europe/Moscow')?.toISOString()).toBe(
      '2030-01-02T05:00:00.000Z',
    );
    // 03:00 Moscow: still the span that began yesterday
    expect(quietUntil(new Date('2030-01-02T00:00:00Z'), q, 'Europe/Moscow')?.toISOString()).toBe(
      '2030-01-02T05:00:00.000Z',
    );
    // 12:00 Moscow: not quiet
    expect(quietUntil(new Date('2030-01-02T09:00:00Z'), q, 'Europe/Moscow')).toBeNull();
  });
  it('same-day spans, none, and nonsense', () => {
    const lunch = { from: '13:00', to: '14:00' };
    expect(quietUntil(new Date('2030-01-02T13:30:00Z'), lunch, 'UTC')?.toISOString()).toBe(
      '2030-01-02T14:00:00.000Z',
    );
    expect(quietUntil(new Date('2030-01-02T14:00:00Z'), lunch, 'UTC')).toBeNull();
    expect(quietUntil(new Date(), null, 'UTC')).toBeNull();
    expect(quietUntil(new Date(), { from: '25:00', to: '08:00' }, 'UTC')).toBeNull();
  });
});

describe('source watch', () => {
  const base = {
    id: 's',
    enabled: true,
    status: 'healthy',
    statusChangedAt: new Date('2030-01-01T00:00:00Z'),
    lastSyncedAt: new Date('2030-01-01T09:00:00Z'),
    lastItemAt: new Date('2030-01-01T08:00:00Z'),
    createdAt: new Date('2029-12-01T00:00:00Z'),
  };
  const p = { silentMinutes: 180 };
  it('needs attention, silent, or fine', () => {
    expect(
      sourceProblem({ ...base, status: 'needs_attention' }, new Date('2030-01-01T09:01:00Z'), p),
    ).toEqual({
      kind: 'needs_attention',
    });
    expect(sourceProblem(base, new Date('2030-01-01T11:59:00Z'), p)).toBeNull();
    expect(sourceProblem(base, new Date('2030-01-01T12:00:00Z'), p)).toMatchObject({ kind: 'silent' });
    expect(sourceProblem({ ...base, enabled: false }, new Date('2030-01-02T00:00:00Z'), p)).toBeNull();
  });
});

describe('closed buckets', () => {
  it('only buckets that ended a grace period ago', () => {
    const span = (now: string) =>
      closedBuckets(new Date(now), 5, 60_000, 3).map(
        (x) => `${x.from.toISOString().slice(11, 16)}-${x.to.toISOString().slice(11, 16)}`,
      );
    // 10:00–10:05 ended 30 s ago: not yet (grace 60 s)
    expect(span('2030-01-01T10:05:30Z')).toEqual(['09:45-09:50', '09:50-09:55', '09:55-10:00']);
    expect(span('2030-01-01T10:06:00Z')).toEqual(['09:50-09:55', '09:55-10:00', '10:00-10:05']);
    expect(closedBuckets(new Date('2030-01-01T10:06:00Z'), 5, 60_000, 1)[0].key).toBe(
      '2030-01-01T10:00:00.000Z',
    );
  });
});
