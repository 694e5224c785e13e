/**
 * A report table as write-excel-file's sheet data: a header row, then one row per record. Numbers
 * and booleans keep their type; everything else is a text cell (typed String, never a formula,
 * so customer words starting with "=" stay words — no apostrophe needed, unlike CSV).
 */
import type { CsvColumn, CsvValue } from './csv';

export interface XlsxCell {
  value?: string | number | boolean;
  type?: StringConstructor | NumberConstructor | BooleanConstructor;
  fontWeight?: 'bold';
}

export function xlsxSheet(
  columns: readonly CsvColumn[],
  rows: readonly Record<string, CsvValue>[],
): XlsxCell[][] {
  const header = columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const }));
  return [header, ...rows.map((r) => columns.map((c) => xlsxCell(r[c.key])))];
}

export function xlsxCell(v: CsvValue): XlsxCell {
  if (v === null || v === undefined) return {};
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, type: Number } : {};
  if (typeof v === 'boolean') return { value: v, type: Boolean };
  return { value: v instanceof Date ? v.toISOString() : v, type: String };
}
