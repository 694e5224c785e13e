import type { ClientBase } from 'pg';

/**
 * `COPY ... FROM STDIN` on a plain pg client, without pg-copy-streams: a minimal Submittable that
 * answers CopyInResponse with the whole (already built) buffer as one CopyData message, written
 * to the socket directly (as pg-copy-streams does) rather than copied through pg's writer.
 * Ingest batches are a few MB at most, so streaming buys nothing here.
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
    const header = Buffer.allocUnsafe(5);
    header[0] = 0x64; // 'd' CopyData
    header.writeInt32BE(this.data.length + 4, 1);
    connection.stream.write(header);
    connection.stream.write(this.data);
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
  stream: { write(b: Buffer): boolean };
  endCopyFrom(): void;
}

/** Runs `sql` (a `COPY ... FROM STDIN`) with `data` already in the format it names; resolves to the row count. */
export function copyBuffer(client: ClientBase, sql: string, data: Buffer): Promise<number> {
  const q = new CopyIn(sql, data);
  void client.query(q as never);
  return q.done;
}
