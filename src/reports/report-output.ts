import type { Response } from 'express';
import { toCsv } from './domain/csv';
import type { ReportFormat } from './dto/report-query.dto';
import type { ReportResult } from './report-table';

/**
 * JSON (the view) or CSV (the report's table, UTF-8 with BOM, formula-like cells neutralised)
 * as a download named after the report.
 */
export function output<V>(
  result: ReportResult<V>,
  format: ReportFormat | undefined,
  res: Response,
): V | string {
  if (format !== 'csv') return result.view;
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${result.table.name}.csv"`);
  return toCsv(result.table.columns, result.table.rows);
}
