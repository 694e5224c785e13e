import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import writeXlsxFile from 'write-excel-file/node';
import { toCsv } from './domain/csv';
import type { ReportFormat } from './dto/report-query.dto';
import type { ReportResult } from './report-table';
import { xlsxSheet } from './domain/xlsx-sheet';

/**
 * JSON (the view), CSV (the report's table, UTF-8 with BOM, formula-like cells neutralised) or
 * XLSX (the same table, every text cell typed as text so nothing runs as a formula) as a download
 * named after the report.
 */
export async function output<V>(
  result: ReportResult<V>,
  format: ReportFormat | undefined,
  res: Response,
): Promise<V | string | StreamableFile> {
  if (format !== 'csv' && format !== 'xlsx') return result.view;
  const table = typeof result.table === 'function' ? result.table() : result.table;
  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${table.name}.csv"`);
    return toCsv(table.columns, table.rows);
  }
  if (format === 'xlsx') {
    const buf = await writeXlsxFile(xlsxSheet(table.columns, table.rows), {
      sheet: table.name.slice(0, 31),
    }).toBuffer();
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${table.name}.xlsx"`);
    return new StreamableFile(buf);
  }
  return result.view;
}
