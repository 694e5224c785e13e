import type { Client } from 'pg';

/**
 * `COPY ... FROM STDIN` on a plain pg client without pg-copy-streams: a minimal Submittable
 * that answers CopyInResponse with the whole buffer (fine for a benchmark baseline).
 */
class CopyIn {
  private error: unknown;
  readonly done: Promise<void>;
  private resolve!: () => void;
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
  submit(connection: any) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: any) {
    const chunk = 1 << 20;
    for (let i = 0; i < this.data.length; i += chunk)
      connection.sendCopyFromChunk(this.data.subarray(i, i + chunk));
    connection.endCopyFrom();
  }
  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handleError(err: unknown) {
    this.error = err;
  }
  handleReadyForQuery() {
    if (this.error) this.reject(this.error);
    else this.resolve();
  }
}

export async function copyFrom(client: Client, sql: string, data: Buffer): Promise<void> {
  const q = new CopyIn(sql, data);
  client.query(q as any);
  await q.done;
}

/** One value in COPY text format. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
