import type { ClientBase } from 'pg';

/**
 * `COPY ... FROM STDIN` on a plain pg client, without pg-copy-streams: a minimal Submittable that
 * answers CopyInResponse with the whole (already built) buffer. Ingest batches are a few MB at
 * most, so streaming buys nothing here.
 */
class CopyIn {
  readonly done: Promise<number>;
  private rowCount = 0;
  private resolve!: (rows: number) => void;
  private reject!: (err: unknown) => void;

  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {
    this.done = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }
  submit(connection: PgConnection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: PgConnection) {
    const chunk = 1 << 20;
    for (let i = 0; i < this.data.length; i += chunk)
      connection.sendCopyFromChunk(this.data.subarray(i, i + chunk));
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }) {
    this.rowCount = Number(/\d+$/.exec(msg?.text ?? '')?.[0] ?? 0);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  // pg drops the active query on an error (no ReadyForQuery reaches it), so settle here.
  handleError(err: unknown) {
    this.reject(err);
  }
  handleReadyForQuery() {
    this.resolve(this.rowCount);
  }
}

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Runs `sql` (a `COPY ... FROM STDIN`) with `rows` in COPY text format; resolves to the row count. */
export async function copyRows(client: ClientBase, sql: string, rows: readonly unknown[][]): Promise<number> {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += (i > 0 ? '\t' : '') + copyValue(row[i]);
    text += '\n';
  }
  return copyBuffer(client, sql, Buffer.from(text, 'utf8'));
}

/** Runs `sql` (a `COPY ... FROM STDIN`) with data already in COPY text format. */
export function copyBuffer(client: ClientBase, sql: string, data: Buffer): Promise<number> {
  const q = new CopyIn(sql, data);
  void client.query(q as never);
  return q.done;
}

const SPECIAL = /[\\\t\n\r]/;

/** One value in COPY text format (NULL is `\N`; backslash, tab, newline and CR escaped). */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  // Numbers, booleans and dates never need escaping (the hot path: most of a row's values).
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (!SPECIAL.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
