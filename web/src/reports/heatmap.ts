/**
 * Hour-of-week heatmap from hourly points: the points' labels are local ISO times in the report's
 * zone ("2025-03-10T14:00:00+03:00"), so the local weekday and hour are read from the label itself
 * (no zone maths in the browser). Rows: Monday..Sunday; columns: hours 0..23.
 */
export interface HourPoint {
  label: string;
  items: number;
}

export function hourOfWeekMatrix(points: readonly HourPoint[]): number[][] {
  const m = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const p of points) {
    const x = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(p.label);
    if (!x) continue;
    // the weekday of a calendar date does not depend on the zone
    const [, y, mo, d, h] = x.map(Number) as [number, number, number, number, number];
    const dow = (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
    const row = m[dow];
    if (row && h >= 0 && h < 24) row[h] = (row[h] ?? 0) + p.items;
  }
  return m;
}

/** [hour, weekday, value] triples for an ECharts heatmap series. */
export function heatmapData(m: readonly number[][]): [number, number, number][] {
  const out: [number, number, number][] = [];
  m.forEach((row, d) => row.forEach((v, h) => out.push([h, d, v])));
  return out;
}
