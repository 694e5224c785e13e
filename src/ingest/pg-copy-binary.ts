import type { ClientBase } from 'pg';

/**
 * `COPY ... FROM STDIN (FORMAT binary)` for ingest's hot path. Against text COPY it saves both
 * sides the work that dominated a catch-up: Node no longer prints dates, floats and escapes into
 * one big string, and PostgreSQL no longer parses timestamps, uuids and floats back out of it.
 * Values are written straight into one growing buffer, which goes to the socket as a single
 * CopyData message (no second copy through pg's writer).
 *
 * Only the types ingest writes are supported; each column names its type, because binary input
 * must match the column's type exactly (an int4 into a smallint column is an error).
 */
export type BinaryType = 'uuid' | 'text' | 'jsonb' | 'timestamptz' | 'bool' | 'float4' | 'int2' | 'int4';

export interface BinaryColumn {
  readonly name: string;
  readonly type: BinaryType;
}

/** Runs `COPY table (columns) FROM STDIN (FORMAT binary)`; resolves to the row count. */
export async function copyBinary(
  client: ClientBase,
  table: string,
  columns: readonly BinaryColumn[],
  rows: readonly (readonly unknown[])[],
): Promise<number> {
  const data = encodeBinaryCopy(columns, rows);
  const q = new BinaryCopyIn(
    `COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN (FORMAT binary)`,
    data,
  );
  void client.query(q as never);
  return q.done;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC). */
const PG_EPOCH_US = 946_684_800_000_000;
const TWO_32 = 4_294_967_296;

/** The COPY BINARY stream (header, tuples, trailer) for `rows`. */
export function encodeBinaryCopy(
  columns: readonly BinaryColumn[],
  rows: readonly (readonly unknown[])[],
): Buffer {
  const w = new Writer(64 * 1024 + rows.length * columns.length * 24);
  w.bytes(SIGNATURE);
  w.int32(0); // flags
  w.int32(0); // header extension length
  for (const row of rows) {
    w.int16(columns.length);
    for (let i = 0; i < columns.length; i++) w.value(columns[i], row[i]);
  }
  w.int16(-1);
  return w.done();
}

class Writer {
  private buf: Buffer;
  private off = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.off);
  }

  private ensure(n: number): void {
    if (this.off + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.off + n));
    this.buf.copy(next, 0, 0, this.off);
    this.buf = next;
  }

  bytes(b: Buffer): void {
    this.ensure(b.length);
    this.off += b.copy(this.buf, this.off);
  }

  int16(v: number): void {
    this.ensure(2);
    this.off = this.buf.writeInt16BE(v, this.off);
  }

  int32(v: number): void {
    this.ensure(4);
    this.off = this.buf.writeInt32BE(v, this.off);
  }

  value(col: BinaryColumn, v: unknown): void {
    if (v === null || v === undefined) return this.int32(-1);
    switch (col.type) {
      case 'text':
        return this.string(String(v), false);
      case 'jsonb':
        return this.string(typeof v === 'string' ? v : JSON.stringify(v), true);
      case 'uuid':
        return this.uuid(col, v);
      case 'timestamptz':
        return this.timestamp(col, v);
      case 'bool':
        this.ensure(5);
        this.off = this.buf.writeInt32BE(1, this.off);
        this.buf[this.off++] = v ? 1 : 0;
        return;
      case 'float4':
        this.ensure(8);
        this.off = this.buf.writeInt32BE(4, this.off);
        this.off = this.buf.writeFloatBE(Number(v), this.off);
        return;
      case 'int2':
        this.ensure(6);
        this.off = this.buf.writeInt32BE(2, this.off);
        this.off = this.buf.writeInt16BE(Number(v), this.off);
        return;
      case 'int4':
        this.ensure(8);
        this.off = this.buf.writeInt32BE(4, this.off);
        this.off = this.buf.writeInt32BE(Number(v), this.off);
        return;
    }
  }

  /** UTF-8 text (jsonb: version byte 1 first); the length is written after the bytes are. */
  private string(s: string, jsonb: boolean): void {
    // A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
    this.ensure(5 + s.length * 3);
    const at = this.off;
    this.off += 4;
    if (jsonb) this.buf[this.off++] = 1;
    this.off += this.buf.write(s, this.off, 'utf8');
    this.buf.writeInt32BE(this.off - at - 4, at);
  }

  private uuid(col: BinaryColumn, v: unknown): void {
    const s = String(v);
    if (!UUID.test(s)) throw new TypeError(`column ${col.name}: not a uuid: ${s.slice(0, 40)}`);
    this.ensure(20);
    this.off = this.buf.writeInt32BE(16, this.off);
    this.off += this.buf.write(s.replace(/-/g, ''), this.off, 16, 'hex');
  }

  private timestamp(col: BinaryColumn, v: unknown): void {
    const ms = v instanceof Date ? v.getTime() : NaN;
    if (!Number.isFinite(ms)) throw new TypeError(`column ${col.name}: not a valid Date`);
    // Whole milliseconds, so the microsecond count is an exact integer well inside 2^53.
    const us = ms * 1000 - PG_EPOCH_US;
    const hi = Math.floor(us / TWO_32);
    this.ensure(12);
    this.off = this.buf.writeInt32BE(8, this.off);
    this.off = this.buf.writeInt32BE(hi, this.off);
    this.off = this.buf.writeUInt32BE(us - hi * TWO_32, this.off);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PgConnection {
  stream: { write(b: Buffer): boolean };
  endCopyFrom(): void;
}

/** A minimal pg Submittable: answers CopyInResponse with one CopyData message. */
class BinaryCopyIn {
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
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: PgConnection) {
    // Written to the socket directly (as pg-copy-streams does): the frame header, then our buffer.
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
