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
  item: NormalizedItem;
  /** The raw payload as storable JSON text (null when the connector kept none). */
  rawJson: string | null;
  cleaning: ItemCleaning | null;
}

const STRING_FIELDS = ['externalId', 'parentExternalId', 'threadExternalId', 'text'] as const;
const AUTHOR_FIELDS = ['externalId', 'name', 'username'] as const;

/**
 * The connector boundary: every item a connector hands to ingest (push, pull or webhook) passes
 * here once. NUL and lone surrogates anywhere in its strings or raw payload (keys too) become
 * U+FFFD, and what changed is reported so it can be recorded on the item. An item with nothing
 * to clean comes back as the same object (no copy).
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
  let rawJson: string | null = null;
  if (item.raw !== undefined) {
    const r = storableJsonText(item.raw);
    rawJson = r.json ?? null;
    if (r.replaced > 0) {
      if (out === item) out = { ...item };
      out.raw = r.value;
      fields.push('raw');
      replaced += r.replaced;
    }
  }
  return { item: out, rawJson, cleaning: fields.length > 0 ? { fields, replaced } : null };
}
