import { baselineFrom, referenceWindows, RefWindow, WindowCount } from './baseline';
import { DEFAULT_SPIKE_PARAMS } from './spike';
import { ORDINARY_TRAFFIC, ordinaryTraffic } from './synthetic';

/**
 * The weekly baseline also takes last week's days of the same kind (working day or weekend) at the
 * same hour: more references, a steadier expectation, while the hour of week still decides when
 * the weekly mode may start.
 */
const params = { ...DEFAULT_SPIKE_PARAMS };
const day = (w: RefWindow) => w.to.toISOString().slice(0, 10);
const sameKind = (ws: RefWindow[]) =>
  ws.filter((w) => w.kind === 'daily' && w.lag === 0 && !w.tail && w.sameKindOfDay).map(day);

describe('references on the same kind of day', () => {
  it('a Wednesday takes last week’s other working days, a Saturday the Sunday', () => {
    // Wednesday 2030-02-13 15:00 UTC: Tuesday, Monday, Friday, Thursday (not the weekend)
    expect(sameKind(referenceWindows(new Date('2030-02-13T15:00:00Z'), params))).toEqual([
      '2030-02-12',
      '2030-02-11',
      '2030-02-08',
      '2030-02-07',
    ]);
    // Saturday 2030-02-16: of the six days before, only Sunday 2030-02-10 is a weekend day
    expect(sameKind(referenceWindows(new Date('2030-02-16T15:00:00Z'), params))).toEqual(['2030-02-10']);
  });

  it('judges the kind of day on the rule’s clock', () => {
    // Friday 23:00 UTC is Saturday 09:00 in Vladivostok (UTC+10): a weekend morning there
    const now = new Date('2030-02-15T23:00:00Z');
    expect(sameKind(referenceWindows(now, { ...params, timeZone: 'Asia/Vladivostok' }))).toEqual([
      '2030-02-09', // Sunday 09:00 local, six days back
    ]);
    expect(sameKind(referenceWindows(now, params))).toHaveLength(4); // a working day in UTC
  });

  // counts of a steady source: 40 items, 10 negative, in every window, with a little noise
  const counts = (ws: RefWindow[], seed: number): WindowCount[] =>
    ws.map((w, i) => {
      const wobble = ((i * 7919 + seed) % 7) - 3;
      const part = w.tail ? 1 / 3 : 1;
      return { total: Math.round(40 * part) + wobble, negative: Math.max(0, Math.round(10 * part) + wobble) };
    });

  it('the weekly mode still needs two hour-of-week references of its own', () => {
    const now = new Date('2030-02-13T15:00:00Z');
    const ws = referenceWindows(now, params);
    // history since last Wednesday morning: one hour-of-week window, four working days of last week
    const b = baselineFrom(ws, counts(ws, 1), new Date('2030-02-06T06:00:00Z'));
    expect(b?.mode).toBe('daily');
    // a week more: two hour-of-week windows
    const b2 = baselineFrom(ws, counts(ws, 1), new Date('2030-01-30T06:00:00Z'));
    expect(b2?.mode).toBe('weekly');
    expect(b2?.refs).toBe(2 + 4);
  });

  it('more references make a steadier expectation: the same traffic, a smaller variance', () => {
    const series = ordinaryTraffic(6, { ...ORDINARY_TRAFFIC, peakPerHour: 60 }, 5);
    const t0 = series.start.getTime();
    const count = (w: RefWindow): WindowCount => {
      let total = 0;
      let negative = 0;
      for (let m = (w.from.getTime() - t0) / 60_000; m < (w.to.getTime() - t0) / 60_000; m++) {
        total += series.total[m] ?? 0;
        negative += series.negative[m] ?? 0;
      }
      return { total, negative };
    };
    // Wednesday of week 6, 15:00: every working day's afternoon is alike in this traffic
    const now = new Date(t0 + (5 * 7 + 2) * 86_400_000 + 15 * 3_600_000);
    const ws = referenceWindows(now, { ...params, tailFraction: 1 / 3 });
    const withSameKind = baselineFrom(ws, ws.map(count), series.start)!;
    const hourOfWeekOnly = ws.filter((w) => !w.sameKindOfDay);
    const without = baselineFrom(hourOfWeekOnly, hourOfWeekOnly.map(count), series.start)!;
    expect(withSameKind.refs).toBe(8);
    expect(without.refs).toBe(4);
    // the expectation's own error shrinks with the references (the spread itself is the same)
    expect(withSameKind.variance).toBeLessThan(without.variance);
    expect(withSameKind.tail!.variance).toBeLessThan(without.tail!.variance);
    expect(withSameKind.mean).toBeGreaterThan(0.7 * without.mean);
    expect(withSameKind.mean).toBeLessThan(1.3 * without.mean);
  });
});
