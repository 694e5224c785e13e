import type { NormalizedItem } from '../connectors/connector';

/**
 * Pure preparation of a batch before it touches the database.
 *
 * The same external id can appear more than once in one batch (an original and its edit, or a
 * platform redelivery). One multi-row upsert cannot touch a row twice, so the batch is split
 * into rounds: round 0 holds each item's first occurrence, round 1 the second, and so on, each
 * round ordered by external id (the same lock order in every transaction avoids deadlocks).
 */
export function splitIntoRounds<T extends { item: NormalizedItem }>(entries: readonly T[]): T[][] {
  return roundsOf(unitsOf(entries));
}

/**
 * The batch's units in order of first appearance: all occurrences of one external id, the
 * original first, then edits oldest to newest.
 */
export function unitsOf<T extends { item: NormalizedItem }>(entries: readonly T[]): T[][] {
  const byId = new Map<string, T[]>();
  for (const e of entries) {
    const list = byId.get(e.item.externalId);
    if (list) list.push(e);
    else byId.set(e.item.externalId, [e]);
  }
  const units = [...byId.values()];
  for (const u of units) if (u.length > 1) u.sort((a, b) => editTime(a.item) - editTime(b.item));
  return units;
}

/** Units back into rounds (round i = every unit's i-th occurrence), each round in external-id order. */
export function roundsOf<T extends { item: NormalizedItem }>(units: readonly (readonly T[])[]): T[][] {
  const rounds: T[][] = [];
  for (const u of units) u.forEach((e, i) => (rounds[i] ??= []).push(e));
  for (const r of rounds) r.sort((a, b) => (a.item.externalId < b.item.externalId ? -1 : 1));
  return rounds;
}

function editTime(item: NormalizedItem): number {
  return item.editedAt ? item.editedAt.getTime() : -Infinity;
}
