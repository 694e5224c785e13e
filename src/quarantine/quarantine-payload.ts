import { inspect } from 'node:util';
import type { NormalizedItem } from '../connectors/connector';

/**
 * How a quarantined item is kept: the item exactly as the connector produced it (before any
 * cleaning), as UTF-8 JSON bytes `{"v":1,"item":{...}}`. JSON.stringify escapes NUL and lone
 * surrogates, so nothing is lost on the way in and JSON.parse gives them back; dates travel as
 * ISO strings (an invalid Date as null). Stored as bytea, so the row itself can never fail.
 */
const VERSION = 1;

export class QuarantinePayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuarantinePayloadError';
  }
}

export function encodeQuarantinePayload(item: NormalizedItem): Buffer {
  try {
    return Buffer.from(JSON.stringify({ v: VERSION, item }), 'utf8');
  } catch (err) {
    // Not JSON (a cycle, a BigInt): keep what can be shown rather than nothing.
    return Buffer.from(
      JSON.stringify({ v: VERSION, unreadable: String(err), inspected: inspect(item, { depth: 6 }) }),
      'utf8',
    );
  }
}

/** The quarantined item, ready to be ingested again; throws QuarantinePayloadError when it is not one. */
export function decodeQuarantinePayload(bytes: Buffer): NormalizedItem {
  const doc = parsePayload(bytes) as { v?: unknown; item?: Record<string, any> } | undefined;
  const item = doc?.item;
  if (doc?.v !== VERSION || !item || typeof item !== 'object')
    throw new QuarantinePayloadError('the quarantined payload holds no item that can be replayed');
  for (const field of ['externalId', 'kind', 'threadExternalId'] as const) {
    if (typeof item[field] !== 'string')
      throw new QuarantinePayloadError(`the quarantined item has no ${field}`);
  }
  if (typeof item.author?.externalId !== 'string')
    throw new QuarantinePayloadError('the quarantined item has no author.externalId');
  const { createdAt, editedAt, ...rest } = item;
  return {
    ...(rest as NormalizedItem),
    text: typeof item.text === 'string' ? item.text : '',
    createdAt: new Date(typeof createdAt === 'string' ? createdAt : NaN),
    ...(typeof editedAt === 'string' ? { editedAt: new Date(editedAt) } : {}),
  };
}

/** The payload as JSON for the admin API (undefined when the bytes are not JSON). */
export function parsePayload(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
