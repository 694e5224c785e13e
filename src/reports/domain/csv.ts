/**
 * CSV for every report table: UTF-8 with a byte-order mark (so Excel opens Cyrillic correctly),
 * CRLF lines and RFC 4180 quoting. A text cell that a spreadsheet would read as a formula
 * (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe: customer
 * words, term labels and names must never run as formulas. Numbers are written as numbers.
 */
export interface CsvColumn {
  key: string;
  header: string;
}

export type CsvValue = string | number | boolean | null | undefined | Date;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v instanceof Date ? v.toISOString() : v;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly CsvColumn[], rows: readonly Record<string, CsvValue>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key])).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
