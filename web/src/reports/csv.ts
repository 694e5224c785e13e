/**
 * CSV in the browser, for tables the page assembles itself (the server's `format=csv` covers each
 * report's own table): UTF-8 with a BOM so Excel opens Cyrillic, CRLF, RFC 4180 quotes, and a cell
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe.
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return (
    '\uFEFF' +
    [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') +
    '\r\n'
  );
}

/** Saves text or a data URL as a file (an <a download> click; no window.open). */
export function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadCsv(name: string, header: readonly string[], rows: readonly Cell[][]): void {
  const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
  download(name.endsWith('.csv') ? name : `${name}.csv`, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
