/** The reports bench/reports.bench.ts times (and bench/reports-explain.ts explains), for a range. */
export function reportRange(now = Date.now()): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const to = day(new Date(now + 86_400_000));
  const from = day(new Date(now - 89 * 86_400_000));
  return `from=${from}&to=${to}&tz=Europe/Moscow`;
}

export const REPORTS = (range: string): [string, string][] => [
  // the floor: session check, one-row read, JSON (what any request costs on this machine now)
  ['baseline: settings (one row)', `/api/reports/settings`],
  ['sentiment (day)', `/api/reports/sentiment?${range}`],
  ['sentiment (hour)', `/api/reports/sentiment?${range}&granularity=hour`],
  ['sentiment (week, by platform)', `/api/reports/sentiment?${range}&granularity=week&groupBy=platform`],
  ['intents (day)', `/api/reports/intents?${range}`],
  ['terms (negative)', `/api/reports/terms?${range}&polarity=negative`],
  ['terms (positive)', `/api/reports/terms?${range}&polarity=positive`],
  ['tags (day)', `/api/reports/tags?${range}`],
  ['care/sla (day)', `/api/reports/care/sla?${range}`],
  ['care/first-response (day)', `/api/reports/care/first-response?${range}`],
  ['care/breaches (first page)', `/api/reports/care/breaches?${range}`],
  ['care/backlog (hour)', `/api/reports/care/backlog?${range}&granularity=hour`],
  ['care/backlog (day)', `/api/reports/care/backlog?${range}&granularity=day`],
  ['care/agents', `/api/reports/care/agents?${range}`],
  ['forecast (next week)', `/api/reports/forecast?tz=Europe/Moscow`],
  ['items (drill-down page)', `/api/reports/items?${range}&sentiment=negative`],
];
