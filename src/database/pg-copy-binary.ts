import type { ClientBase } from 'pg';
import { copyBuffer } from './pg-copy';

/**
 * `COPY ... FROM STDIN (FORMAT binary)` for ingest's hot path. Against text COPY it saves both
 * sides the work that dominated a catch-up: Node no longer prints dates, floats and escapes into
 * one big string, and PostgreSQL no longer parses timestamps, uuids and floats back out of it.
 * Values are written straight into one growing buffer, which copyBuffer sends as it is.
 *
 * Only the types ingest writes are supported; each column names its type, because binary input
 * must match the column's type exactly (an int4 into a smallint column is an error).
 */
export type BinaryType = 'uuid' | 'text' | 'jsonb' | 'timestamptz' | 'bool' | 'float4' | 'int2' | 'int4';

/**
 * A value that cannot be written as its column's type (an invalid Date, a malformed uuid): like
 * a PostgreSQL data error, it belongs to one row, not to the batch.
 */
export class CopyValueError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'CopyValueError';
  }
}

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
  return copyBuffer(
    client,
    `COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN (FORMAT binary)`,
    encodeBinaryCopy(columns, rows),
  );
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
    const n = s.length;
    // A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units).
    this.ensure(5 + n * 3);
    const buf = this.buf;
    const at = this.off;
    let o = at + 4;
    if (jsonb) buf[o++] = 1;
    // Short ASCII strings (ids, labels, keys: most of a row) are copied here; a native write
    // call costs more than the copy.
    let i = 0;
    if (n <= 64)
      for (; i < n; i++) {
        const ch = s.charCodeAt(i);
        if (ch >= 0x80) break;
        buf[o + i] = ch;
      }
    o += i === n ? n : buf.write(s, o, 'utf8');
    buf.writeInt32BE(o - at - 4, at);
    this.off = o;
  }

  /** 36-character text form to 16 bytes, validating as it goes. */
  private uuid(col: BinaryColumn, v: unknown): void {
    const s = typeof v === 'string' ? v : String(v);
    this.ensure(20);
    const buf = this.buf;
    let o = this.buf.writeInt32BE(16, this.off);
    let ok = s.length === 36;
    for (let i = 0; ok && i < 36;) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        ok = s.charCodeAt(i) === 45; // '-'
        i++;
        continue;
      }
      const hi = HEX[s.charCodeAt(i)] ?? -1;
      const lo = HEX[s.charCodeAt(i + 1)] ?? -1;
      ok = hi >= 0 && lo >= 0;
      buf[o++] = (hi << 4) | lo;
      i += 2;
    }
    if (!ok) throw new CopyValueError(`column ${col.name}: not a uuid: ${s.slice(0, 40)}`);
    this.off = o;
  }

  private timestamp(col: BinaryColumn, v: unknown): void {
    const ms = v instanceof Date ? v.getTime() : NaN;
    if (!Number.isFinite(ms)) throw new CopyValueError(`column ${col.name}: not a valid Date`);
    // Whole milliseconds, so the microsecond count is an exact integer well inside 2^53.
    const us = ms * 1000 - PG_EPOCH_US;
    const hi = Math.floor(us / TWO_32);
    this.ensure(12);
    this.off = this.buf.writeInt32BE(8, this.off);
    this.off = this.buf.writeInt32BE(hi, this.off);
    this.off = this.buf.writeUInt32BE(us - hi * TWO_32, this.off);
  }
}

/** Hex digit values by char code (-1: not a hex digit). */
const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX['0123456789abcdef'.charCodeAt(d)] = d;
  HEX['0123456789ABCDEF'.charCodeAt(d)] = d;
}
