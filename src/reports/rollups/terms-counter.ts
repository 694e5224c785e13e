/**
 * How queued item changes become term-count deltas (plain TypeScript). Each item's terms count
 * once per item under (its day in the company's zone, its polarity). For every item touched, the
 * first queued entry says what was counted before (nothing for a new item, else its state before
 * the update); that is subtracted and the item as it is now is added.
 */
import { DateTime } from 'luxon';
import { itemTerms } from '../../analysis/text/terms';
import type { ItemState, Polarity, QueueRow, TermDelta } from './terms.repository';

export interface CountedState {
  at: Date;
  polarity: Polarity;
  text: string;
}

/** What each item in the queue contributed before its entries (null: nothing). */
export function previousStates(rows: readonly QueueRow[]): Map<string, CountedState | null> {
  const out = new Map<string, CountedState | null>();
  const ordered = [...rows].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  for (const row of ordered)
    row.itemIds.forEach((id, i) => {
      if (out.has(id)) return;
      const old = row.olds ? row.olds[i] : null;
      out.set(id, old ? { at: new Date(old.at), polarity: old.polarity, text: old.text } : null);
    });
  return out;
}

export function countedNow(item: ItemState): CountedState | null {
  if (!item.inbound || (item.polarity !== 'negative' && item.polarity !== 'positive')) return null;
  return { at: item.at, polarity: item.polarity, text: item.text };
}

export class TermDeltas {
  private readonly byKey = new Map<string, { d: TermDelta; added: Set<string>; removed: Set<string> }>();

  constructor(private readonly zone: string) {}

  add(itemId: string, state: CountedState, sign: 1 | -1): void {
    const day = DateTime.fromJSDate(state.at, { zone: this.zone }).toISODate()!;
    for (const [term, surface] of itemTerms(state.text)) {
      const key = `${state.polarity}\u0000${day}\u0000${term}`;
      let e = this.byKey.get(key);
      if (!e) {
        e = {
          d: { day, polarity: state.polarity, term, items: 0, surface, added: [], removed: [] },
          added: new Set(),
          removed: new Set(),
        };
        this.byKey.set(key, e);
      }
      e.d.items += sign;
      if (sign > 0) {
        e.d.surface = surface;
        e.added.add(itemId);
      } else e.removed.add(itemId);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The deltas (keys whose count and examples did not change are left out). */
  take(): TermDelta[] {
    const out: TermDelta[] = [];
    for (const { d, added, removed } of this.byKey.values()) {
      for (const id of added) removed.delete(id);
      if (d.items === 0 && removed.size === 0 && added.size === 0) continue;
      // the three newest are all an upsert keeps
      d.added = [...added].sort((a, b) => Number(BigInt(b) - BigInt(a))).slice(0, 3);
      d.removed = [...removed];
      if (d.items === 0 && d.removed.length === 0) continue;
      out.push(d);
    }
    this.byKey.clear();
    return out;
  }
}
