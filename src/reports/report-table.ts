import type { CsvColumn, CsvValue } from './domain/csv';

/** A report's answer: the JSON view, and the table its CSV export writes. */
export interface ReportResult<V> {
  view: V;
  /** the table, or how to build it (only an export needs it: thousands of rows for hourly charts) */
  table: ReportTable | (() => ReportTable);
}

export interface ReportTable {
  /** the file name, without extension */
  name: string;
  columns: CsvColumn[];
  rows: Record<string, CsvValue>[];
}

/** Columns whose header is their key. */
export function columns(...keys: string[]): CsvColumn[] {
  return keys.map((key) => ({ key, header: key }));
}
