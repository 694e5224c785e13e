import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';
import { exportLink, itemsApiQuery, itemsLink } from './drill';
import { hourOfWeekMatrix } from './heatmap';
import { apiRange, readState, safeGranularity, writeState } from './state';

describe('report state in the URL', () => {
  const now = new Date('2025-03-10T22:30:00Z'); // already 11 March in Moscow, still the 10th in UTC

  it('defaults to the last 30 days in the company zone and round-trips through the URL', () => {
    const s = readState(new URLSearchParams(''), 'Europe/Moscow', now);
    expect(s).toEqual({
      tab: 'brand',
      from: '2025-02-10',
      to: '2025-03-11',
      tz: '',
      compare: 'previous',
      granularity: 'day',
    });
    expect(readState(new URLSearchParams('tz=UTC'), 'Europe/Moscow', now).to).toBe('2025-03-10');
    const back = readState(
      writeState({ ...s, tab: 'care', tz: 'UTC', compare: 'none' }),
      'Europe/Moscow',
      now,
    );
    expect(back).toEqual({ ...s, tab: 'care', tz: 'UTC', compare: 'none' });
  });

  it('ignores malformed values and never lets from pass to', () => {
    const s = readState(
      new URLSearchParams('from=2025-05-01&to=2025-04-01&tz=<script>&granularity=year&tab=x'),
      'UTC',
      now,
    );
    expect(s).toMatchObject({
      from: '2025-04-01',
      to: '2025-04-01',
      tz: '',
      tab: 'brand',
      granularity: 'hour',
    });
  });

  it('sends the API an exclusive end and refuses hours over long ranges', () => {
    const s = readState(new URLSearchParams('from=2025-01-01&to=2025-01-31&granularity=hour'), 'UTC', now);
    expect(apiRange(s)).toEqual({
      from: '2025-01-01',
      to: '2025-02-01',
      granularity: 'hour',
      compare: 'previous',
    });
    expect(safeGranularity(s)).toBe('hour');
    expect(safeGranularity({ ...s, from: '2024-01-01' })).toBe('day');
  });
});

describe('drill-down links', () => {
  it('carries a point’s filter and the zone to the item list, and back into the API query', () => {
    const link = itemsLink(
      {
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-01-02T00:00:00.000Z',
        sentiment: 'negative',
        term: 'списа деньг',
        status: 'all',
      },
      'Europe/Moscow',
    );
    expect(link.startsWith('/reports/items?')).toBe(true);
    const params = new URLSearchParams(link.split('?')[1]);
    expect(itemsApiQuery(params)).toEqual({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-01-02T00:00:00.000Z',
      sentiment: 'negative',
      term: 'списа деньг',
      tz: 'Europe/Moscow',
    });
    expect(exportLink('/api/reports/care/sla', { from: '2025-01-01', tz: undefined }, 'xlsx')).toBe(
      '/api/reports/care/sla?from=2025-01-01&format=xlsx',
    );
  });
});

describe('hour-of-week heatmap', () => {
  it('reads the local weekday and hour from the bucket labels', () => {
    const m = hourOfWeekMatrix([
      { label: '2025-03-10T00:00:00+03:00', items: 2 }, // Monday 00:00
      { label: '2025-03-16T23:00:00+03:00', items: 5 }, // Sunday 23:00
      { label: '2025-03-17T00:00:00+03:00', items: 1 }, // next Monday 00:00
      { label: '2025-03-30T02:00:00+02:00', items: 7 }, // a DST morning elsewhere: Sunday 02:00 local
    ]);
    expect(m[0]?.[0]).toBe(3);
    expect(m[6]?.[23]).toBe(5);
    expect(m[6]?.[2]).toBe(7);
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(15);
  });
});

describe('CSV in the browser', () => {
  it('writes a BOM, CRLF, quotes, and neutralises formula-like cells', () => {
    expect(['=1+1', '+7', '-2', '@x', '\tx', '\rx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+7",
      "'-2",
      "'@x",
      "'\tx",
      `"'\rx"`,
    ]);
    expect(csvCell(-2)).toBe('-2'); // a number stays a number
    expect(toCsv(['день', 'n'], [['Пн, утро', 3]])).toBe('\uFEFFдень,n\r\n"Пн, утро",3\r\n');
  });
});
