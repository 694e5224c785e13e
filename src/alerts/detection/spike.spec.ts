import { referenceWindows } from './baseline';
import { MemoryEpisodeBook } from './episodes';
import { baselineFrom } from './baseline';
import {
  budgetShares,
  DEFAULT_SPIKE_PARAMS,
  distinctScopes,
  planSpikes,
  readScopes,
  restP,
  SOURCE_VOLUME_WEIGHT,
  SpikeFire,
  SpikeParams,
  spikeWindows,
  WAVE_WINDOWS,
} from './spike';
import { ORDINARY_TRAFFIC, ordinaryTraffic, SimSource, simulate, withSpike } from './synthetic';

const WEEK = 7 * 1440;
const DAY = 1440;
const params: SpikeParams = { ...DEFAULT_SPIKE_PARAMS };
const W = params.windowMinutes;
const COOLDOWN = 60;

const fires = (events: ReturnType<typeof simulate>) => events.filter((e) => e.action === 'fire');
const clears = (events: ReturnType<typeof simulate>) => events.filter((e) => e.action === 'clear');

describe('negative-spike detection on synthetic traffic', () => {
  // 8 weeks of ordinary traffic (daily and weekly cycle, day and hour wobble, Poisson counts):
  // weeks 1–4 are history, weeks 5–8 are judged.
  const ordinary = ordinaryTraffic(8, ORDINARY_TRAFFIC, 7);
  const vk = (series = ordinary): SimSource[] => [{ id: 'vk1', platform: 'vk', series }];

  it('raises no alert across four ordinary weeks', () => {
    const events = simulate(vk(), {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: 4 * WEEK,
      toMinute: 8 * WEEK - 1,
      stepMinutes: 2,
    });
    expect(fires(events)).toEqual([]);
  });

  it('raises no alert while history is short (daily and recent fallbacks) on ordinary days', () => {
    const events = simulate(vk(), {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: 2 * 60,
      toMinute: 2 * WEEK,
      stepMinutes: 2,
    });
    expect(fires(events).map((e) => `${e.minute} ${e.reading?.baseline.mode}`)).toEqual([]);
  });

  describe('a 3× spike of two hours on a Wednesday afternoon', () => {
    const start = 5 * WEEK + 2 * DAY + 14 * 60 + 10;
    const spiked = withSpike(ordinary, { startMinute: start, minutes: 120, factor: 3 });
    const events = simulate(vk(spiked), {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: start - 6 * 60,
      toMinute: start + 8 * 60,
    });

    it('alerts within one window of the start', () => {
      const [first] = fires(events);
      expect(first).toBeDefined();
      expect(first.minute).toBeGreaterThan(start);
      expect(first.minute - start).toBeLessThanOrEqual(W);
      expect(first.reading!.ratio).toBeGreaterThanOrEqual(2);
      expect(first.reading!.baseline.mode).toBe('weekly');
      // its platform and "overall" are this one source again: no wider numbers to repeat
      expect((first.reading as SpikeFire).wider).toEqual([]);
    });

    it('alerts once per spike, not once per window', () => {
      expect(fires(events)).toHaveLength(1);
    });

    it('gives the all-clear after it subsides, and only then', () => {
      const c = clears(events);
      expect(c).toHaveLength(1);
      expect(c[0].minute).toBeGreaterThan(fires(events)[0].minute);
      // the sliding window has to drain: not before the spike is mostly out of it
      expect(c[0].minute).toBeGreaterThan(start + 120);
      expect(c[0].minute).toBeLessThanOrEqual(start + 120 + 2 * W);
    });
  });

  it('respects the cooldown after an all-clear: a second spike soon after is not a new alert', () => {
    const start = 5 * WEEK + 1 * DAY + 11 * 60;
    let s = withSpike(ordinary, { startMinute: start, minutes: 90, factor: 4 }, 1);
    // The first clears about one window after it ends; the second starts right after that.
    s = withSpike(s, { startMinute: start + 90 + W + 15, minutes: 60, factor: 4 }, 2);
    const run = (cooldownMinutes: number) =>
      simulate(vk(s), { params, cooldownMinutes, fromMinute: start - 60, toMinute: start + 8 * 60 });
    const long = run(6 * 60);
    expect(fires(long)).toHaveLength(1);
    const short = run(5);
    expect(fires(short)).toHaveLength(2);
  });

  it('ignores a handful of angry comments at night (minimum volume)', () => {
    const night = 5 * WEEK + 3 * DAY + 3 * 60;
    const s = { ...ordinary, negative: ordinary.negative.slice(), total: ordinary.total.slice() };
    for (let m = night; m < night + 4; m++) {
      s.negative[m] += 1;
      s.total[m] += 1;
    }
    const events = simulate(vk(s), {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: night - 60,
      toMinute: night + 120,
    });
    expect(fires(events)).toEqual([]);
  });

  it('ignores a busy hour whose mood is as usual (the negative share did not rise)', () => {
    const start = 5 * WEEK + 1 * DAY + 15 * 60;
    const s = { ...ordinary, negative: ordinary.negative.slice(), total: ordinary.total.slice() };
    // a viral post: three times the traffic for an hour, a quarter of it negative as always
    for (let m = start; m < start + 60; m++) {
      const extraNeg = Math.round(2 * s.negative[m]);
      s.negative[m] += extraNeg;
      s.total[m] += 2 * s.total[m];
    }
    const events = simulate(vk(s), {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: start - 60,
      toMinute: start + 180,
    });
    expect(fires(events)).toEqual([]);
  });
});

describe('one alert per spike across sources, platforms and overall', () => {
  const a = ordinaryTraffic(6, { ...ORDINARY_TRAFFIC, peakPerHour: 80 }, 21);
  const b = ordinaryTraffic(6, { ...ORDINARY_TRAFFIC, peakPerHour: 60 }, 22);
  const c = ordinaryTraffic(6, { ...ORDINARY_TRAFFIC, peakPerHour: 100 }, 23);
  const start = 5 * WEEK + 2 * DAY + 13 * 60;
  const run = (sources: SimSource[]) =>
    simulate(sources, {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: start - 120,
      toMinute: start + 5 * 60,
    });

  it('a storm on one VK community: one alert, for that source, with VK and overall numbers', () => {
    const events = run([
      { id: 'vk-a', platform: 'vk', series: withSpike(a, { startMinute: start, minutes: 120, factor: 4 }) },
      { id: 'vk-b', platform: 'vk', series: b },
      { id: 'tg-c', platform: 'telegram', series: c },
    ]);
    const f = fires(events);
    expect(f.map((e) => e.scope)).toEqual(['source:vk-a']);
    const fired = f[0].reading as SpikeFire;
    expect(fired.wider.map((w) => w.scope)).toEqual(['platform:vk', 'overall']);
    // the wider scopes saw the same excess: they are above their usual too
    for (const w of fired.wider) expect(w.observed).toBeGreaterThan(w.expected);
    expect(clears(events).map((e) => e.scope)).toEqual(['source:vk-a']);
  });

  it('nested scopes share the cooldown: a second burst soon after the all-clear raises nothing', () => {
    let s = withSpike(a, { startMinute: start, minutes: 90, factor: 4 }, 1);
    s = withSpike(s, { startMinute: start + 90 + W + 15, minutes: 60, factor: 5 }, 2);
    const events = simulate(
      [
        { id: 'vk-a', platform: 'vk', series: s },
        { id: 'vk-b', platform: 'vk', series: b },
        { id: 'tg-c', platform: 'telegram', series: c },
      ],
      { params, cooldownMinutes: 6 * 60, fromMinute: start - 60, toMinute: start + 8 * 60 },
    );
    expect(fires(events)).toHaveLength(1);
  });

  it('a storm across both VK communities: one alert, for the VK platform, naming both', () => {
    const events = run([
      {
        id: 'vk-a',
        platform: 'vk',
        series: withSpike(a, { startMinute: start, minutes: 120, factor: 4 }, 5),
      },
      {
        id: 'vk-b',
        platform: 'vk',
        series: withSpike(b, { startMinute: start, minutes: 120, factor: 4 }, 6),
      },
      { id: 'tg-c', platform: 'telegram', series: c },
    ]);
    const f = fires(events);
    expect(f.map((e) => e.scope)).toEqual(['platform:vk']);
    expect(
      f[0]
        .reading!.parts.slice(0, 2)
        .map((p) => p.scope)
        .sort(),
    ).toEqual(['source:vk-a', 'source:vk-b']);
  });

  it('connecting a busy new source is not a spike of the whole company', () => {
    const newcomer = ordinaryTraffic(6, { ...ORDINARY_TRAFFIC, peakPerHour: 300 }, 24);
    const events = run([
      { id: 'vk-a', platform: 'vk', series: a },
      { id: 'tg-c', platform: 'telegram', series: c },
      // history begins ten minutes before the judged range: the source was just connected
      { id: 'tg-new', platform: 'telegram', series: newcomer, historyStartMinute: start - 130 },
    ]);
    expect(fires(events)).toEqual([]);
  });
});

describe('the family-wise budget', () => {
  it('counts the distinct series a rule watches', () => {
    const all = ['overall', 'platform', 'source'] as const;
    const one = [{ id: 'a', platform: 'vk' }];
    const company = [
      { id: 'a', platform: 'vk' },
      { id: 'b', platform: 'vk' },
      { id: 'c', platform: 'telegram' },
    ];
    // one source: its platform and overall are the same series
    expect(distinctScopes(one, [...all])).toBe(1);
    // three sources, VK (two of them), overall; Telegram is its one source
    expect(distinctScopes(company, [...all])).toBe(5);
    expect(distinctScopes(company, ['overall'])).toBe(1);
    expect(distinctScopes(company, ['source'])).toBe(3);
  });

  it('gives each scope of a company its share of the tail probability', () => {
    const now = new Date('2030-02-13T15:00:00Z');
    const windows = referenceWindows(now, params);
    const series = (id: string, platform: string) => ({
      sourceId: id,
      platform,
      historyStart: new Date('2030-01-01T00:00:00Z'),
      counts: windows.map(() => ({ total: 40, negative: 10 })),
    });
    const alone = readScopes(windows, [series('a', 'vk')], params);
    const together = readScopes(
      windows,
      [series('a', 'vk'), series('b', 'vk'), series('c', 'telegram')],
      params,
    );
    const a1 = alone.find((r) => r.scope === 'source:a')!.alpha;
    expect(together.find((r) => r.scope === 'source:a')!.alpha).toBeCloseTo(a1 / 5, 12);
    expect(together.find((r) => r.scope === 'overall')!.alpha).toBeCloseTo(a1 / 5, 12);
  });
});

describe('the budget by volume', () => {
  it('gives the single sources their part by expected negatives, the wider series one share each', () => {
    const all = ['overall', 'platform', 'source'] as const;
    const shares = budgetShares(
      [
        { id: 'a', platform: 'vk', expected: 6 },
        { id: 'b', platform: 'vk', expected: 3 },
        { id: 'c', platform: 'telegram', expected: 2 },
      ],
      [...all],
    );
    const key = (...ids: string[]) => ids.sort().join('\u0000');
    expect(shares.size).toBe(5);
    expect([...shares.values()].reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    // half equal, half by volume (SOURCE_VOLUME_WEIGHT): a has twice b's expected negatives
    const v = SOURCE_VOLUME_WEIGHT;
    expect(shares.get(key('a'))! / shares.get(key('b'))!).toBeCloseTo(
      (1 - v + (v * 3 * 6) / 11) / (1 - v + (v * 3 * 3) / 11),
      12,
    );
    expect(shares.get(key('a'))!).toBeGreaterThan(shares.get(key('b'))!);
    expect(shares.get(key('a'))!).toBeGreaterThan(1 / 5);
    expect(shares.get(key('c'))!).toBeLessThan(1 / 5);
    expect(shares.get(key('a', 'b'))).toBeCloseTo(1 / 5, 12);
    expect(shares.get(key('a', 'b', 'c'))).toBeCloseTo(1 / 5, 12);
    // one source: its platform and overall are the same series, the whole budget
    expect([...budgetShares([{ id: 'a', platform: 'vk', expected: 6 }], [...all]).values()]).toEqual([1]);
  });
});

describe('the short look (the last part of the window)', () => {
  // same-hour windows: 120 items, 30 negative; their last part the same at a third of it
  const now = new Date('2030-02-13T15:00:00Z');
  const counts = (windows: ReturnType<typeof spikeWindows>, extra: number) =>
    windows.map((w) => {
      const part = w.tail ? 1 / 3 : 1;
      const n = w.kind === 'current' ? extra : 0;
      return { total: Math.round(120 * part) + n, negative: Math.round(30 * part) + n };
    });
  const history = new Date('2030-01-01T00:00:00Z');

  it('hears a burst in the last part before the whole window is twice the usual', () => {
    const windows = spikeWindows(now, params);
    // the current part, the hour-of-week parts, and those of last week's other working days
    const sameKind = windows.filter((w) => w.kind === 'daily' && w.lag === 0 && w.sameKindOfDay && !w.tail);
    expect(windows.filter((w) => w.tail)).toHaveLength(1 + params.baselineWeeks + sameKind.length);
    // 28 more negatives in the last 20 minutes: the hour is under 2× (58 vs 30), the part is 3.8×
    const [r] = readScopes(
      windows,
      [{ sourceId: 'a', platform: 'vk', historyStart: history, counts: counts(windows, 28) }],
      params,
    );
    expect(r.ratio).toBeLessThan(2);
    expect(r.baseline.tail!.mean).toBeCloseTo(10, 0);
    expect(r.signal).toBe('active');
    // the same counts without the short look: not (yet) a spike
    const whole = windows.filter((w) => !w.tail);
    const [r2] = readScopes(
      whole,
      [{ sourceId: 'a', platform: 'vk', historyStart: history, counts: counts(whole, 28) }],
      params,
    );
    expect(r2.signal).not.toBe('active');
  });

  it('does not take a surge of traffic at the usual mood for a spike', () => {
    const windows = spikeWindows(now, params);
    // 40 more items in the last part, 18 of them negative (45 %), but the hour's share fell to 0.22
    const c = windows.map((w) => {
      const part = w.tail ? 1 / 3 : 1;
      const cur = w.kind === 'current';
      return {
        total: Math.round(120 * part) + (cur ? 40 : 0) + (cur && !w.tail ? 60 : 0),
        negative: Math.round(30 * part) + (cur ? 18 : 0),
      };
    });
    const [r] = readScopes(
      windows,
      [{ sourceId: 'a', platform: 'vk', historyStart: history, counts: c }],
      params,
    );
    expect(r.baseline.tail).toBeDefined();
    expect(r.signal).not.toBe('active');
  });
});

describe('a wave that spreads', () => {
  const now = new Date('2030-02-13T15:00:00Z');
  const windows = spikeWindows(now, params);
  const history = new Date('2030-01-01T00:00:00Z');
  const src = (id: string, extra: number) => ({
    sourceId: id,
    platform: 'vk',
    historyStart: history,
    counts: windows.map((w) => {
      const part = w.tail ? 0.5 : 1;
      const n = w.kind === 'current' ? Math.round(extra * part) : 0;
      return { total: 80 * part + n, negative: 20 * part + n };
    }),
  });
  // source b turns unusual while a (which fired earlier) still runs high
  const readings = readScopes(windows, [src('a', 30), src('b', 40)], params);
  const timing = { cooldownMinutes: 60, windowMinutes: 60 };

  it('widens the open incident of its first part instead of a second message', () => {
    expect(readings.find((r) => r.scope === 'source:b')!.signal).toBe('active');
    const book = new MemoryEpisodeBook();
    book.apply('source:a', 'fire', new Date(now.getTime() - 40 * 60_000), ['source:a']);
    const plan = planSpikes(readings, book, now, timing);
    expect(plan.fire).toEqual([]);
    expect(plan.widen).toHaveLength(1);
    expect(plan.widen[0].scope).toBe('source:a');
    expect(plan.widen[0].covers).toEqual(expect.arrayContaining(['source:a', 'source:b']));
    book.widen(plan.widen[0].scope, plan.widen[0].covers);
    // next minute: b is spoken for
    const next = planSpikes(readings, book, new Date(now.getTime() + 60_000), timing);
    expect(next.fire).toEqual([]);
    expect(next.widen).toEqual([]);
  });

  it('is a new incident when the open one is older than the wave allows', () => {
    const book = new MemoryEpisodeBook();
    book.apply('source:a', 'fire', new Date(now.getTime() - (WAVE_WINDOWS * 60 + 5) * 60_000), ['source:a']);
    const plan = planSpikes(readings, book, now, timing);
    expect(plan.widen).toEqual([]);
    expect(plan.fire.map((f) => f.scope)).toEqual(['source:b']);
  });
});

describe('what is left of a wider scope', () => {
  it('takes the inner scopes out: their excess no longer counts', () => {
    const now = new Date('2030-02-13T15:00:00Z');
    const windows = referenceWindows(now, params);
    const history = new Date('2030-01-01T00:00:00Z');
    const src = (id: string, current: number) => ({
      sourceId: id,
      platform: 'vk',
      historyStart: history,
      counts: windows.map((w) =>
        w.kind === 'current' ? { total: 40 + current, negative: 10 + current } : { total: 40, negative: 10 },
      ),
    });
    const rs = readScopes(windows, [src('a', 30), src('b', 0)], params);
    const vk = rs.find((r) => r.scope === 'platform:vk')!;
    const a = rs.find((r) => r.scope === 'source:a')!;
    expect(restP(vk, [])).toBeLessThan(1e-4);
    expect(restP(vk, [a])).toBeGreaterThan(0.3);
  });
});

describe('the expectation of a small source', () => {
  it('is not set by a fluke of empty same-hour windows when the hours around show the usual share', () => {
    const now = new Date('2030-02-13T15:20:00Z');
    const windows = referenceWindows(now, params);
    // same hour in the last four weeks: 14–19 items, but 0, 5, 0, 0 negatives (a fluke); the four
    // hours before, in those weeks: a quarter negative, as usual
    const sameHour = [0, 5, 0, 0];
    const counts = windows.map((w) =>
      w.kind === 'weekly' && w.lag === 0
        ? { total: 16, negative: sameHour[w.back - 1] }
        : w.kind === 'current'
          ? { total: 16, negative: 4 }
          : { total: 16, negative: 4 },
    );
    const b = baselineFrom(windows, counts, new Date('2030-01-01T00:00:00Z'))!;
    expect(b.mode).toBe('weekly');
    // the same-hour negatives alone would say ~1 (0, 3 after capping, 0, 0)
    expect(b.mean).toBeGreaterThan(2.5);
    // (this hour's own 3 of 64 still weighs a little: between 0.05 and the usual 0.25)
    expect(b.share!).toBeGreaterThan(0.15);
  });
});

describe('planSpikes', () => {
  it('clears an open scope that has no reading any more (e.g. its source was disabled)', () => {
    const book = new MemoryEpisodeBook();
    book.apply('source:gone', 'fire', new Date('2030-01-01T10:00:00Z'));
    const now = new Date('2030-01-01T12:00:00Z');
    const plan = planSpikes([], book, now, { cooldownMinutes: 60, windowMinutes: 60 });
    expect(plan.clear).toEqual([{ scope: 'source:gone' }]);
  });

  it('has no baseline (and so no alert) for a source with under two windows of history', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const windows = referenceWindows(now, params);
    const readings = readScopes(
      windows,
      [
        {
          sourceId: 's',
          platform: 'vk',
          historyStart: new Date(now.getTime() - 90 * 60_000),
          counts: windows.map((w) =>
            w.kind === 'current' ? { total: 100, negative: 90 } : { total: 5, negative: 1 },
          ),
        },
      ],
      params,
    );
    expect(readings).toEqual([]);
  });
});

describe('a brand-new source (only the windows just before to compare with)', () => {
  it('still hears a storm: the share of negatives jumps, not just the count', () => {
    const s = ordinaryTraffic(1, { ...ORDINARY_TRAFFIC, peakPerHour: 90 }, 31);
    const storm = 2 * DAY + 15 * 60; // Wednesday 15:00, five hours after the source was connected
    const stormy = withSpike(s, { startMinute: storm, minutes: 20, factor: 12 }, 3);
    const events = simulate(
      [{ id: 'new', platform: 'vk', series: stormy, historyStartMinute: storm - 5 * 60 }],
      {
        params,
        cooldownMinutes: COOLDOWN,
        fromMinute: storm - 60,
        toMinute: storm + 120,
      },
    );
    const f = fires(events);
    expect(f).toHaveLength(1);
    expect(f[0].reading!.baseline.mode).toBe('recent');
    expect(f[0].minute - storm).toBeLessThanOrEqual(20);
  });

  it('does not call the morning rush a storm (same share, more traffic)', () => {
    const s = ordinaryTraffic(1, { ...ORDINARY_TRAFFIC, peakPerHour: 240 }, 32);
    const events = simulate([{ id: 'new', platform: 'vk', series: s, historyStartMinute: DAY + 2 * 60 }], {
      params,
      cooldownMinutes: COOLDOWN,
      fromMinute: DAY + 4 * 60,
      toMinute: DAY + 14 * 60,
    });
    expect(fires(events)).toEqual([]);
  });
});
