import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { storableJsonText } from '../common/storable-text';
import { copyBinary, type BinaryColumn } from '../database/pg-copy-binary';

/** One item row as ingest writes it (analysis and triage already applied). */
export interface ItemRow {
  externalId: string;
  kind: string;
  parentExternalId: string | null;
  threadExternalId: string | null;
  conversationId: string | null;
  contactId: string | null;
  direction: 'inbound' | 'outbound';
  authorExternalId: string | null;
  authorName: string | null;
  text: string;
  createdAt: Date;
  editedAt: Date | null;
  raw: string | null;
  /** What cleaning replaced (ItemCleaning as JSON), null when stored as received. */
  cleaned: string | null;
  language: string | null;
  sentimentScore: number | null;
  sentimentLabel: string | null;
  sentimentConfidence: number | null;
  intent: string | null;
  intentConfidence: number | null;
  needsResponse: boolean;
  deadlineAt: Date | null;
  modelVersion: string | null;
  analyzedAt: Date | null;
  /** the features that decided the analysis (JSON text) */
  analysisWhy: string | null;
  reviewReason: string | null;
}

export interface ContactInput {
  externalId: string;
  displayName: string;
  username: string | null;
}

export interface ContactRef {
  contactId: string;
  customerId: string;
}

export interface ConversationInput {
  threadKey: string;
  contactId: string | null;
  customerId: string | null;
}

export interface StoredItemRef {
  externalId: string;
  conversationId: string | null;
  inserted: boolean;
}

/**
 * The SQL of ingest (contacts, items, cursors): every statement is one multi-row round trip over
 * unnest()ed arrays or a binary COPY, all on the caller's transaction client. Conversations are
 * written by ConversationsRepository (src/conversations/), which owns that table.
 */
@Injectable()
export class IngestRepository {
  private stageBatch = 0;

  /**
   * A TEMP table per session (pool connection), emptied at every commit, for the rare rows that
   * may already exist (redeliveries, edits): staged rows never outlive their transaction and never
   * reach the WAL. Its columns are items' own (same names and types), so the staged rows are the
   * binary COPY of the same values. Checked every time, because a rolled-back first transaction
   * takes the table with it.
   */
  private async ensureStage(c: PoolClient): Promise<void> {
    const r = await c.query<{ t: string | null }>(`SELECT to_regclass('pg_temp.ingest_item_stage') AS t`);
    if (r.rows[0].t) return;
    await c.query(
      `CREATE TEMP TABLE ingest_item_stage ON COMMIT DELETE ROWS AS
       SELECT 0 AS batch, 0 AS ord, ${ITEM_ROW_COLUMNS.map((x) => x.name).join(', ')} FROM items WITH NO DATA`,
    );
  }

  async sourcePlatform(ds: DataSource, sourceId: string): Promise<string | undefined> {
    const rows: { platform: string }[] = await ds.query(`SELECT platform FROM sources WHERE id = $1`, [
      sourceId,
    ]);
    return rows[0]?.platform;
  }

  /**
   * Finds or creates one contact per author; a new contact gets a new customer of its own
   * (contacts of one person are linked into one customer later, by a person). Known authors
   * whose name is unchanged (every page of a backlog, regulars) cost one indexed read; only new
   * and renamed ones are written.
   */
  async upsertContacts(
    c: PoolClient,
    platform: string,
    contacts: ContactInput[],
  ): Promise<Map<string, ContactRef>> {
    const out = new Map<string, ContactRef>();
    if (contacts.length === 0) return out;
    const known = await c.query<{
      id: string;
      external_id: string;
      customer_id: string;
      display_name: string;
      username: string | null;
    }>(
      `SELECT id, external_id, customer_id, display_name, username FROM contacts
       WHERE platform = $1 AND external_id = ANY($2::text[])`,
      [platform, contacts.map((x) => x.externalId)],
    );
    const byExt = new Map(known.rows.map((r) => [r.external_id, r]));
    for (const k of known.rows) out.set(k.external_id, { contactId: k.id, customerId: k.customer_id });
    const changed = contacts.filter((x) => {
      const k = byExt.get(x.externalId);
      return (
        k === undefined ||
        (x.displayName !== '' &&
          (k.display_name !== x.displayName || (x.username !== null && k.username !== x.username)))
      );
    });
    if (changed.length === 0) return out;
    const ext = changed.map((x) => x.externalId);
    const newCustomerIds = changed.map(() => randomUUID());
    const r = await c.query<{ id: string; external_id: string; customer_id: string }>(
      `WITH input AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[])
           AS t(external_id, display_name, username, customer_id)
       ), missing AS (
         SELECT i.* FROM input i
         WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.platform = $1 AND c.external_id = i.external_id)
       ), new_customers AS (
         INSERT INTO customers (id, display_name) SELECT customer_id, display_name FROM missing RETURNING id
       ), inserted AS (
         INSERT INTO contacts (platform, external_id, customer_id, display_name, username)
         SELECT $1, external_id, customer_id, display_name, username FROM missing
         ON CONFLICT (platform, external_id) DO NOTHING
         RETURNING id, external_id, customer_id
       ), renamed AS (
         UPDATE contacts c SET display_name = i.display_name, username = COALESCE(i.username, c.username),
                updated_at = now()
         FROM input i
         WHERE c.platform = $1 AND c.external_id = i.external_id AND i.display_name <> ''
           AND (c.display_name <> i.display_name OR c.username IS DISTINCT FROM COALESCE(i.username, c.username))
         RETURNING c.id
       )
       SELECT id, external_id, customer_id FROM inserted
       UNION ALL
       SELECT c.id, c.external_id, c.customer_id FROM contacts c JOIN input i
         ON c.platform = $1 AND c.external_id = i.external_id`,
      [platform, ext, changed.map((x) => x.displayName), changed.map((x) => x.username), newCustomerIds],
    );
    for (const row of r.rows) out.set(row.external_id, { contactId: row.id, customerId: row.customer_id });
    const lost = ext.filter((e) => !out.has(e));
    if (lost.length > 0) {
      // Another transaction created these after our snapshot: read them now (new snapshot) and
      // drop the customers we created for nothing.
      const again = await c.query<{ id: string; external_id: string; customer_id: string }>(
        `SELECT id, external_id, customer_id FROM contacts WHERE platform = $1 AND external_id = ANY($2::text[])`,
        [platform, lost],
      );
      for (const row of again.rows)
        out.set(row.external_id, { contactId: row.id, customerId: row.customer_id });
      const orphans = ext.flatMap((e, i) => (lost.includes(e) ? [newCustomerIds[i]] : []));
      await c.query(`DELETE FROM customers WHERE id = ANY($1::uuid[])`, [orphans]);
    }
    return out;
  }

  /** Existing conversations by thread key (no creation). */
  async conversationIds(c: PoolClient, sourceId: string, keys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const r = await c.query<{ id: string; thread_key: string }>(
      `SELECT id, thread_key FROM conversations WHERE source_id = $1 AND thread_key = ANY($2::text[])`,
      [sourceId, keys],
    );
    for (const row of r.rows) out.set(row.thread_key, row.id);
    return out;
  }

  /** The conversations of already stored items (a brand reply joins its parent's conversation). */
  async conversationsOfItems(
    c: PoolClient,
    sourceId: string,
    externalIds: string[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (externalIds.length === 0) return out;
    const r = await c.query<{ external_id: string; conversation_id: string }>(
      `SELECT external_id, conversation_id FROM items
       WHERE source_id = $1 AND external_id = ANY($2::text[]) AND conversation_id IS NOT NULL`,
      [sourceId, externalIds],
    );
    for (const row of r.rows) out.set(row.external_id, row.conversation_id);
    return out;
  }

  /**
   * Inserts new items; an existing one is updated only by a newer edit (its text is pushed onto
   * previous_texts and version bumped); anything else is a duplicate and a no-op. Returns the
   * rows inserted or edited.
   *
   * Items not stored yet (nearly all of them) go straight into the table with COPY; an item a
   * concurrent transaction stores meanwhile fails the unique key and the page is retried.
   */
  async upsertItems(
    c: PoolClient,
    sourceId: string,
    platform: string,
    rows: ItemRow[],
  ): Promise<StoredItemRef[]> {
    if (rows.length === 0) return [];
    const stored = await c.query<{ external_id: string }>(
      `SELECT external_id FROM items WHERE source_id = $1 AND external_id = ANY($2::text[])`,
      [sourceId, rows.map((r) => r.externalId)],
    );
    const known = new Set(stored.rows.map((r) => r.external_id));
    const fresh = rows.filter((r) => !known.has(r.externalId));
    const out: StoredItemRef[] = fresh.map((r) => ({
      externalId: r.externalId,
      conversationId: r.conversationId,
      inserted: true,
    }));
    if (fresh.length > 0) {
      await copyBinary(
        c,
        'items',
        ITEM_COLUMNS,
        fresh.map((r) => [sourceId, platform, ...itemRowValues(r)]),
      );
    }
    // A stored item changes only through a newer edit; without editedAt it is a redelivery.
    const edits = rows.filter((r) => known.has(r.externalId) && r.editedAt !== null);
    return edits.length === 0 ? out : out.concat(await this.applyEdits(c, sourceId, platform, edits));
  }

  /** Edits of stored items, through the staged upsert (which also settles a racing insert). */
  private async applyEdits(
    c: PoolClient,
    sourceId: string,
    platform: string,
    rows: ItemRow[],
  ): Promise<StoredItemRef[]> {
    // COPY into a session-local staging table, then one set-based upsert: far cheaper than
    // sending 25 arrays of thousands of elements as query parameters.
    await this.ensureStage(c);
    const batch = ++this.stageBatch;
    await copyBinary(
      c,
      'ingest_item_stage',
      STAGE_COLUMNS,
      rows.map((r, ord) => [batch, ord, ...itemRowValues(r)]),
    );
    const r = await c.query<{
      external_id: string;
      conversation_id: string | null;
      inserted: boolean;
    }>(
      `INSERT INTO items (source_id, platform, ${ITEM_ROW_NAMES})
       SELECT $1, $2, ${ITEM_ROW_NAMES} FROM ingest_item_stage WHERE batch = $3 ORDER BY ord
       ON CONFLICT (source_id, external_id) DO UPDATE SET
         previous_texts = items.previous_texts || jsonb_build_array(jsonb_build_object(
           'text', items.text, 'version', items.version,
           'at', COALESCE(items.edited_at, items.created_at_platform))),
         text = EXCLUDED.text,
         version = items.version + 1,
         edited_at = EXCLUDED.edited_at,
         raw = COALESCE(EXCLUDED.raw, items.raw),
         cleaned = COALESCE(EXCLUDED.cleaned, items.cleaned),
         language = EXCLUDED.language,
         sentiment_score = EXCLUDED.sentiment_score,
         sentiment_label = EXCLUDED.sentiment_label,
         sentiment_confidence = EXCLUDED.sentiment_confidence,
         intent = EXCLUDED.intent,
         intent_confidence = EXCLUDED.intent_confidence,
         needs_response = EXCLUDED.needs_response,
         deadline_at = EXCLUDED.deadline_at,
         model_version = EXCLUDED.model_version,
         analyzed_at = EXCLUDED.analyzed_at,
         analysis_why = EXCLUDED.analysis_why,
         review_reason = EXCLUDED.review_reason
       WHERE EXCLUDED.edited_at IS NOT NULL
         AND (items.edited_at IS NULL OR EXCLUDED.edited_at > items.edited_at)
         AND EXCLUDED.text IS DISTINCT FROM items.text
       RETURNING external_id, (xmax = 0) AS inserted,
         CASE WHEN xmax = 0 THEN NULL ELSE conversation_id END AS conversation_id`,
      [sourceId, platform, batch],
    );
    // A new row's conversation is the one we sent: only edited rows need theirs read back.
    const sent = new Map(rows.map((row) => [row.externalId, row.conversationId]));
    return r.rows.map((x) => ({
      externalId: x.external_id,
      conversationId: x.inserted ? (sent.get(x.external_id) ?? null) : x.conversation_id,
      inserted: x.inserted,
    }));
  }

  /** Saves the batch's cursors; called inside the same transaction as the items they cover. */
  async saveCursors(c: PoolClient, sourceId: string, cursors: Record<string, unknown>): Promise<void> {
    // `__` keys are transient hints between the pages of one pass (e.g. VK's continuation).
    const streams = Object.keys(cursors).filter((k) => cursors[k] !== undefined && !k.startsWith('__'));
    if (streams.length === 0) return;
    await c.query(
      `INSERT INTO sync_cursors (source_id, stream, cursor, updated_at)
       SELECT $1, s, v::jsonb, now() FROM unnest($2::text[], $3::text[]) AS t(s, v)
       ON CONFLICT (source_id, stream) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
      [sourceId, streams, streams.map((s) => storableJsonText(cursors[s]).json)],
    );
  }

  /**
   * Phone numbers and e-mails customers wrote, per contact (`contact_clues`), latest time kept.
   * One row per clue and contact: duplicates in the page are folded first (ON CONFLICT may touch
   * a row once per statement).
   */
  async storeClues(c: PoolClient, clues: readonly { clue: string; contactId: string; at: Date }[]) {
    const latest = new Map<string, { clue: string; contactId: string; at: Date }>();
    for (const x of clues) {
      const key = `${x.clue} ${x.contactId}`;
      const prev = latest.get(key);
      if (!prev || prev.at < x.at) latest.set(key, x);
    }
    const rows = [...latest.values()];
    await c.query(
      `INSERT INTO contact_clues (clue, contact_id, last_seen_at)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[])
       ON CONFLICT (clue, contact_id)
       DO UPDATE SET last_seen_at = GREATEST(contact_clues.last_seen_at, EXCLUDED.last_seen_at)`,
      [rows.map((r) => r.clue), rows.map((r) => r.contactId), rows.map((r) => r.at)],
    );
  }
}

/** An item's own columns, in the order of itemRowValues (source_id and platform come first). */
const ITEM_ROW_COLUMNS: BinaryColumn[] = [
  { name: 'external_id', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'parent_external_id', type: 'text' },
  { name: 'thread_external_id', type: 'text' },
  { name: 'conversation_id', type: 'uuid' },
  { name: 'contact_id', type: 'uuid' },
  { name: 'direction', type: 'text' },
  { name: 'author_external_id', type: 'text' },
  { name: 'author_name', type: 'text' },
  { name: 'text', type: 'text' },
  { name: 'created_at_platform', type: 'timestamptz' },
  { name: 'edited_at', type: 'timestamptz' },
  { name: 'raw', type: 'jsonb' },
  { name: 'cleaned', type: 'jsonb' },
  { name: 'language', type: 'text' },
  { name: 'sentiment_score', type: 'float4' },
  { name: 'sentiment_label', type: 'text' },
  { name: 'sentiment_confidence', type: 'float4' },
  { name: 'intent', type: 'text' },
  { name: 'intent_confidence', type: 'float4' },
  { name: 'needs_response', type: 'bool' },
  { name: 'deadline_at', type: 'timestamptz' },
  { name: 'model_version', type: 'text' },
  { name: 'analyzed_at', type: 'timestamptz' },
  { name: 'analysis_why', type: 'jsonb' },
  { name: 'review_reason', type: 'text' },
];
const ITEM_ROW_NAMES = ITEM_ROW_COLUMNS.map((x) => x.name).join(', ');

function itemRowValues(r: ItemRow): unknown[] {
  return [
    r.externalId,
    r.kind,
    r.parentExternalId,
    r.threadExternalId,
    r.conversationId,
    r.contactId,
    r.direction,
    r.authorExternalId,
    r.authorName,
    r.text,
    r.createdAt,
    r.editedAt,
    r.raw,
    r.cleaned,
    r.language,
    r.sentimentScore,
    r.sentimentLabel,
    r.sentimentConfidence,
    r.intent,
    r.intentConfidence,
    r.needsResponse,
    r.deadlineAt,
    r.modelVersion,
    r.analyzedAt,
    r.analysisWhy,
    r.reviewReason,
  ];
}

/** What ingest writes into a new item, in COPY order (see upsertItems). */
const ITEM_COLUMNS: BinaryColumn[] = [
  { name: 'source_id', type: 'uuid' },
  { name: 'platform', type: 'text' },
  ...ITEM_ROW_COLUMNS,
];

/** The edit staging table (ensureStage): a batch and order, then the item's own columns. */
const STAGE_COLUMNS: BinaryColumn[] = [
  { name: 'batch', type: 'int4' },
  { name: 'ord', type: 'int4' },
  ...ITEM_ROW_COLUMNS,
];
