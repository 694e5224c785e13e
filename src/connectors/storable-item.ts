import { storableJsonText, storableString } from '../common/storable-text';
import type { NormalizedItem } from './connector';

/** What cleaning changed in one item (stored in `items.cleaned`; null when nothing was). */
export interface ItemCleaning {
  /** The fields that held NUL or a lone surrogate, e.g. `text`, `author.name`, `raw`. */
  fields: string[];
  /** Code units replaced by U+FFFD, over all fields. */
  replaced: number;
}

export interface StorableItem {
  /** The item with its strings cleaned; `raw` is cleaned as it is serialised (storableRawJson). */
  item: NormalizedItem;
  cleaning: ItemCleaning | null;
}

const STRING_FIELDS = ['externalId', 'parentExternalId', 'threadExternalId', 'text'] as const;
const AUTHOR_FIELDS = ['externalId', 'name', 'username'] as const;

/**
 * The connector boundary: every item a connector hands to ingest (push, pull or webhook) passes
 * here once. NUL and lone surrogates in its strings become U+FFFD, and what changed is reported
 * so it can be recorded on the item. An item with nothing to clean comes back as the same object
 * (no copy). Its raw payload is cleaned by storableRawJson when the row is written: the JSON is
 * made there anyway, and a page's worth of JSON strings held from preparation to commit would
 * only outlive the young generation and cost the garbage collector.
 */
export function storableItem(item: NormalizedItem): StorableItem {
  const fields: string[] = [];
  let replaced = 0;
  let out = item;
  for (const f of STRING_FIELDS) {
    const v = item[f];
    if (typeof v !== 'string') continue;
    const r = storableString(v);
    if (r.replaced === 0) continue;
    if (out === item) out = { ...item };
    out[f] = r.value;
    fields.push(f);
    replaced += r.replaced;
  }
  if (typeof item.text !== 'string') {
    if (out === item) out = { ...item };
    out.text = '';
  }
  let author = item.author;
  for (const f of AUTHOR_FIELDS) {
    const v = item.author[f];
    if (typeof v !== 'string') continue;
    const r = storableString(v);
    if (r.replaced === 0) continue;
    if (author === item.author) author = { ...item.author };
    author[f] = r.value;
    fields.push(`author.${f}`);
    replaced += r.replaced;
  }
  if (author !== item.author) {
    if (out === item) out = { ...item };
    out.author = author;
  }
  return { item: out, cleaning: fields.length > 0 ? { fields, replaced } : null };
}

/**
 * The raw payload as JSON text jsonb accepts (null when the connector kept none), and the item's
 * cleaning record completed with what was replaced in it (keys too).
 */
export function storableRawJson(
  raw: unknown,
  cleaning: ItemCleaning | null,
): { json: string | null; cleaning: ItemCleaning | null } {
  if (raw === undefined) return { json: null, cleaning };
  const r = storableJsonText(raw);
  if (r.replaced === 0) return { json: r.json ?? null, cleaning };
  return {
    json: r.json ?? null,
    cleaning: {
      fields: [...(cleaning?.fields ?? []), 'raw'],
      replaced: (cleaning?.replaced ?? 0) + r.replaced,
    },
  };
}
