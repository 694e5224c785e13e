import {
  bucketKey,
  bucketLabel,
  buckets,
  MAX_BUCKETS,
  previousRange,
  reportRange,
  ReportRangeError,
  weekSpans,
} from './time-buckets';
import { DateTime } from 'luxon';

const iso = (ms: number | Date) => new Date(ms).toISOString();

describe('report time buckets', () => {
  it('cuts days at the local midnight: Europe/Moscow (UTC+3) vs UTC', () => {
    const moscow = reportRange('2025-01-01', '2025-01-03', 'Europe/Moscow', 'day');
    expect(iso(moscow.from)).toBe('2024-12-31T21:00:00.000Z');
    expect(iso(moscow.to)).toBe('2025-01-02T21:00:00.000Z');
    expect(buckets(moscow, 'day').map((b) => iso(b.key))).toEqual([
      '2024-12-31T21:00:00.000Z',
      '2025-01-01T21:00:00.000Z',
    ]);
    // 20:59 UTC on 1 January is 23:59 in Moscow: still Moscow's 1 January, and UTC's 1 January;
    // 21:00 UTC is already 2 January in Moscow but not in UTC
    const late = new Date('2025-01-01T20:59:00Z');
    const later = new Date('2025-01-01T21:00:00Z');
    expect(iso(bucketKey(late, 'day', 'Europe/Moscow'))).toBe('2024-12-31T21:00:00.000Z');
    expect(iso(bucketKey(later, 'day', 'Europe/Moscow'))).toBe('2025-01-01T21:00:00.000Z');
    expect(iso(bucketKey(later, 'day', 'UTC'))).toBe('2025-01-01T00:00:00.000Z');
    const utc = reportRange('2025-01-01', '2025-01-03', 'UTC', 'day');
    expect(buckets(utc, 'day').map((b) => iso(b.start))).toEqual([
      '2025-01-01T00:00:00.000Z',
      '2025-01-02T00:00:00.000Z',
    ]);
  });

  it('gives a DST day 23 or 25 hours and keeps both 01:00 hours of a fall-back night (America/New_York)', () => {
    const spring = buckets(reportRange('2025-03-08', '2025-03-11', 'America/New_York', 'day'), 'day');
    expect(spring.map((b) => (b.end.getTime() - b.start.getTime()) / 3_600_000)).toEqual([24, 23, 24]);
    const fall = buckets(reportRange('2025-11-01', '2025-11-04', 'America/New_York', 'day'), 'day');
    expect(fall.map((b) => (b.end.getTime() - b.start.getTime()) / 3_600_000)).toEqual([24, 25, 24]);

    const night = reportRange('2025-11-02T00:00', '2025-11-02T03:00', 'America/New_York', 'hour');
    const hours = buckets(night, 'hour');
    expect(hours).toHaveLength(4); // 00, 01 (EDT), 01 (EST), 02
    expect(hours.map((b) => bucketLabel(b.key, 'hour', night.timeZone))).toEqual([
      '2025-11-02T00:00:00-04:00',
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T02:00:00-05:00',
    ]);
  });

  it('starts weeks on Monday, and a week with a DST change has 167 hours (Europe/Berlin)', () => {
    const r = reportRange('2025-03-24', '2025-04-07', 'Europe/Berlin', 'week');
    const w = buckets(r, 'week');
    expect(w.map((b) => bucketLabel(b.key, 'week', r.timeZone))).toEqual(['2025-03-24', '2025-03-31']);
    expect((w[0].end.getTime() - w[0].start.getTime()) / 3_600_000).toBe(167);
    // a range starting mid-week: the first bucket is clipped, its key is still the Monday
    const mid = reportRange('2025-03-26', '2025-04-07', 'Europe/Berlin', 'week');
    const m = buckets(mid, 'week');
    expect(iso(m[0].key)).toBe(iso(w[0].key));
    expect(iso(m[0].start)).toBe('2025-03-25T23:00:00.000Z');
  });

  it('lists empty buckets too, and moves from/to out to whole hours', () => {
    const r = reportRange('2025-01-01T10:30:00Z', '2025-01-01T12:10:00Z', 'UTC', 'hour');
    expect(iso(r.from)).toBe('2025-01-01T10:00:00.000Z');
    expect(iso(r.to)).toBe('2025-01-01T13:00:00.000Z');
    expect(buckets(r, 'hour')).toHaveLength(3);
  });

  it('refuses a 5-year range by the hour, naming the limit; accepts it by the day', () => {
    expect(() => reportRange('2020-01-01', '2025-01-01', 'UTC', 'hour')).toThrow(ReportRangeError);
    expect(() => reportRange('2020-01-01', '2025-01-01', 'UTC', 'hour')).toThrow(
      new RegExp(`at most ${MAX_BUCKETS}`),
    );
    expect(buckets(reportRange('2020-01-01', '2025-01-01', 'UTC', 'day'), 'day')).toHaveLength(1827);
    expect(() => reportRange('2015-01-01', '2025-01-01', 'UTC', 'week')).toThrow(/at most 1827 days/);
  });

  it('refuses bad ranges and zones it cannot cut from UTC hours', () => {
    expect(() => reportRange('2025-01-02', '2025-01-01', 'UTC', 'day')).toThrow(/after from/);
    expect(() => reportRange('yesterday', '2025-01-01', 'UTC', 'day')).toThrow(/ISO 8601/);
    expect(() => reportRange('2025-01-01', '2025-01-02', 'Mars/Olympus', 'day')).toThrow(/unknown time zone/);
    expect(() => reportRange('2025-01-01', '2025-01-02', 'Asia/Kolkata', 'day')).toThrow(/330 minutes/);
    expect(() => reportRange('2025-01-01', '2025-01-02', 'Asia/Yekaterinburg', 'day')).not.toThrow();
  });

  it('takes the previous period on the calendar for whole days (aligned across DST), else by duration', () => {
    const r = reportRange('2025-03-09', '2025-03-16', 'America/New_York', 'day');
    const p = previousRange(r);
    expect(iso(p.from)).toBe('2025-03-02T05:00:00.000Z'); // local midnight, EST
    expect(iso(p.to)).toBe(iso(r.from));
    expect(buckets(p, 'day')).toHaveLength(buckets(r, 'day').length);

    const h = reportRange('2025-01-01T10:00Z', '2025-01-01T16:00Z', 'Europe/Moscow', 'hour');
    const ph = previousRange(h);
    expect(iso(ph.from)).toBe('2025-01-01T04:00:00.000Z');
    expect(iso(ph.to)).toBe('2025-01-01T10:00:00.000Z');
  });

  it('steps by cached offsets exactly as luxon does, across DST changes (some at midnight)', () => {
    // the reference: every step through luxon (what buckets() did before its fast path)
    const reference = (from: string, to: string, zone: string, g: 'hour' | 'day' | 'week') => {
      const r = reportRange(from, to, zone, g);
      const out: string[] = [];
      let cur = DateTime.fromMillis(bucketKey(r.from, g, zone), { zone });
      while (cur.toMillis() < r.to.getTime()) {
        const next = cur.plus({ [`${g}s`]: 1 });
        out.push(`${iso(cur.toMillis())} ${iso(next.toMillis())} ${bucketLabel(cur.toMillis(), g, zone)}`);
        cur = next;
      }
      return { r, out };
    };
    const zones = [
      'Europe/Moscow',
      'America/New_York',
      'Australia/Sydney',
      'America/Santiago', // changes at midnight
      'Asia/Beirut', // changes at midnight
    ];
    for (const zone of zones)
      for (const [g, from, to] of [
        ['hour', '2024-03-01', '2024-04-10'],
        ['hour', '2024-10-01', '2024-11-12'],
        ['day', '2024-01-01', '2025-01-01'],
        ['week', '2024-01-03', '2025-01-01'],
      ] as const) {
        const { r, out } = reference(from, to, zone, g);
        const got = buckets(r, g).map(
          (b) =>
            `${iso(b.key)} ${iso(
              // the unclipped end: the next key, or the clipped end for the last
              b.end.getTime() === r.to.getTime()
                ? DateTime.fromMillis(b.key, { zone })
                    .plus({ [`${g}s`]: 1 })
                    .toMillis()
                : b.end,
            )} ${b.label}`,
        );
        expect({ zone, g, got }).toEqual({ zone, g, got: out });
      }
  });

  it('splits days into whole ISO weeks and edge days (the term week tier)', () => {
    // 2025-01-01 is a Wednesday; 2025-01-06 and 2025-01-27 are Mondays
    expect(weekSpans('2025-01-01', '2025-01-30')).toEqual({
      weeks: [['2025-01-06', '2025-01-27']],
      days: [
        ['2025-01-01', '2025-01-06'],
        ['2025-01-27', '2025-01-30'],
      ],
    });
    expect(weekSpans('2025-01-06', '2025-01-20')).toEqual({
      weeks: [['2025-01-06', '2025-01-20']],
      days: [],
    });
    expect(weekSpans('2025-01-07', '2025-01-12')).toEqual({
      weeks: [],
      days: [['2025-01-07', '2025-01-12']],
    });
  });
});
