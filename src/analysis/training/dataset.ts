/** Reading labelled posts (JSONL in the dev-set schema) and the public CSV corpora. */
import * as fs from 'node:fs';
import type { LabeledPost, SentimentLabel } from '../analysis.types';

export function readJsonl(file: string): LabeledPost[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l, i) => {
      const o = JSON.parse(l) as LabeledPost;
      return { ...o, id: o.id ?? `line-${i + 1}`, text: String(o.text ?? '') };
    });
}

export interface CsvRow {
  text: string;
  label: string;
  lang: string;
  source: string;
  split: string;
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(content: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (q) {
      if (ch === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') out.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}

export function readPublicCsv(file: string): CsvRow[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  const col = (n: string): number => header.indexOf(n);
  return rows.map((r) => ({
    text: r[col('text')],
    label: r[col('label')],
    lang: r[col('lang')],
    source: r[col('source')],
    split: r[col('split')],
  }));
}

export function toSentiment(label: string): SentimentLabel | undefined {
  if (label === 'negative' || label === 'neg') return 'negative';
  if (label === 'positive' || label === 'pos') return 'positive';
  if (label === 'neutral' || label === 'neu') return 'neutral';
  return undefined;
}

/** Seeded k-fold split: fold index per row. */
export function foldsOf(n: number, k: number, seed = 13): number[] {
  let a = seed >>> 0;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    const j = a % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Array<number>(n);
  order.forEach((row, pos) => (fold[row] = pos % k));
  return fold;
}
