import type { NormalizedItem } from '../connectors/connector';

/**
 * Pure preparation of a batch before it touches the database.
 *
 * The same external id can appear more than once in one batch (an original and its edit, or a
 * platform redelivery). One multi-row upsert cannot touch a row twice, so the batch is split
 * into rounds: round 0 holds each item's first occurrence, round 1 the second, and so on, each
 * round ordered by external id (the same lock order in every transaction avoids deadlocks).
 */
export function splitIntoRounds(items: readonly NormalizedItem[]): NormalizedItem[][] {
  const byId = new Map<string, NormalizedItem[]>();
  for (const item of items) {
    const list = byId.get(item.externalId);
    if (list) list.push(item);
    else byId.set(item.externalId, [item]);
  }
  const rounds: NormalizedItem[][] = [];
  const ids = [...byId.keys()].sort();
  for (const id of ids) {
    // the original first, then edits oldest to newest
    const list = byId.get(id)!.sort((a, b) => editTime(a) - editTime(b));
    list.forEach((item, i) => (rounds[i] ??= []).push(item));
  }
  return rounds;
}

function editTime(item: NormalizedItem): number {
  return item.editedAt ? item.editedAt.getTime() : -Infinity;
}

/** PostgreSQL text cannot hold NUL; a stray one must not poison a whole batch. */
export function sanitizeText(s: string): string {
  return s.includes('\u0000') ? s.split('\u0000').join('') : s;
}
