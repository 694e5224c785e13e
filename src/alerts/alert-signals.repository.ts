import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * What the detectors read from the care data (items and sources), with SQL of the alerts module's
 * own. Counts only inbound items that are not spam.
 */
export interface SourceInfo {
  id: string;
  platform: string;
  name: string;
  historyStart: Date | null;
}

export interface WindowCountRow {
  i: number;
  sourceId: string;
  total: number;
  negative: number;
}

export interface ItemRow {
  id: string;
  sourceId: string;
  platform: string;
  externalId: string;
  conversationId: string | null;
  text: string;
  author: string;
  authorKey: string;
  at: Date;
  chatUsername: string | null;
  videoId: string | null;
}

export interface TaggingRow {
  tagId: string;
  tag: string;
  conversation: string;
  customer: string;
}

export interface ReachRow extends ItemRow {
  counters: Record<string, unknown>;
  replies: number;
}

export interface SourceHealthRow {
  id: string;
  name: string;
  platform: string;
  enabled: boolean;
  status: string;
  statusReason: string | null;
  statusChangedAt: Date;
  lastSyncedAt: Date | null;
  lastItemAt: Date | null;
  createdAt: Date;
}

const COUNTED = `it.direction = 'inbound' AND it.intent IS DISTINCT FROM 'spam'`;

const ITEM = `it.id::text AS id, it.source_id AS "sourceId", it.platform, it.external_id AS "externalId",
  it.conversation_id AS "conversationId", it.text, COALESCE(NULLIF(it.author_name, ''), ct.display_name, '') AS author,
  COALESCE(it.author_external_id, it.contact_id::text, it.id::text) AS "authorKey", it.created_at_platform AS at,
  COALESCE(it.raw->'chat'->>'username', it.raw->'sender_chat'->>'username') AS "chatUsername",
  it.raw->'snippet'->>'videoId' AS "videoId"`;

@Injectable()
export class AlertSignalsRepository {
  constructor(private readonly db: DataSource) {}

  /** Enabled sources and where their history begins (their first item, or their creation). */
  sources(sourceId: string | null): Promise<SourceInfo[]> {
    return this.db.query(
      `SELECT s.id, s.platform, s.name,
              LEAST(s.created_at, (SELECT min(it.created_at_platform) FROM items it WHERE it.source_id = s.id)) AS "historyStart"
         FROM sources s
        WHERE s.enabled AND s.status <> 'disabled' AND ($1::uuid IS NULL OR s.id = $1)
        ORDER BY s.created_at, s.id`,
      [sourceId],
    );
  }

  /** Items and negatives per source in each window (one index range scan per window). */
  windowCounts(windows: { from: Date; to: Date }[], sourceId: string | null): Promise<WindowCountRow[]> {
    return this.db.query(
      `SELECT (w.i - 1)::int AS i, it.source_id AS "sourceId", count(*)::int AS total,
              count(*) FILTER (WHERE it.sentiment_label = 'negative')::int AS negative
         FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS w(lo, hi, i)
         JOIN items it ON it.created_at_platform >= w.lo AND it.created_at_platform < w.hi
        WHERE ${COUNTED} AND ($3::uuid IS NULL OR it.source_id = $3)
        GROUP BY 1, 2`,
      [windows.map((w) => w.from), windows.map((w) => w.to), sourceId],
    );
  }

  /** The most negative items of a window in some sources (samples for a message). */
  negativeSamples(sourceIds: string[], from: Date, to: Date, limit = 3): Promise<ItemRow[]> {
    return this.db.query(
      `SELECT ${ITEM} FROM items it LEFT JOIN contacts ct ON ct.id = it.contact_id
        WHERE it.created_at_platform >= $2 AND it.created_at_platform < $3 AND it.source_id = ANY($1::uuid[])
          AND ${COUNTED} AND it.sentiment_label = 'negative'
        ORDER BY it.sentiment_score ASC NULLS LAST, it.created_at_platform DESC
        LIMIT $4`,
      [sourceIds, from, to, limit],
    );
  }

  /** Complaint-like items of a window (negative or complaints), newest first, capped. */
  complaintItems(from: Date, to: Date, sourceId: string | null, cap = 2000): Promise<ItemRow[]> {
    return this.db.query(
      `SELECT ${ITEM} FROM items it LEFT JOIN contacts ct ON ct.id = it.contact_id
        WHERE it.created_at_platform >= $1 AND it.created_at_platform < $2 AND ${COUNTED}
          AND (it.sentiment_label = 'negative' OR it.intent = 'complaint')
          AND ($3::uuid IS NULL OR it.source_id = $3)
        ORDER BY it.created_at_platform DESC
        LIMIT $4`,
      [from, to, sourceId, cap],
    );
  }

  /**
   * Negative items since `since` with platform counters in their raw payload or with at least
   * `minReplies` replies stored under them; rules' already-alerted items are left out.
   */
  reachCandidates(
    since: Date,
    sourceId: string | null,
    minReplies: number,
    ruleId: string,
  ): Promise<ReachRow[]> {
    return this.db.query(
      `WITH kids AS (
         SELECT it.source_id, it.parent_external_id AS ext, count(*)::int AS n
           FROM items it
          WHERE it.created_at_platform >= $1 AND it.parent_external_id IS NOT NULL AND it.direction = 'inbound'
          GROUP BY 1, 2
       )
       SELECT ${ITEM}, COALESCE(k.n, 0) AS replies,
              jsonb_build_object('comments', it.raw->'comments', 'likes', it.raw->'likes', 'reposts', it.raw->'reposts',
                                 'views', it.raw->'views', 'reactions', it.raw->'reactions',
                                 'forwards', it.raw->'forwards') AS counters
         FROM items it
         LEFT JOIN kids k ON k.source_id = it.source_id AND k.ext = it.external_id
         LEFT JOIN contacts ct ON ct.id = it.contact_id
        WHERE it.created_at_platform >= $1 AND ${COUNTED} AND it.sentiment_label = 'negative'
          AND ($2::uuid IS NULL OR it.source_id = $2)
          AND (COALESCE(k.n, 0) >= $3 OR (jsonb_typeof(it.raw) = 'object' AND it.raw ?| ARRAY['comments', 'likes', 'reposts', 'reactions', 'forwards']))
          AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.rule_id = $4 AND a.dedupe_key = 'item:' || it.id::text)
        ORDER BY it.created_at_platform DESC
        LIMIT 500`,
      [since, sourceId, minReplies, ruleId],
    );
  }

  /** When tagging began (the first tag put on a conversation of these sources), or null. */
  async firstTagging(sourceId: string | null): Promise<Date | null> {
    const [r] = await this.db.query(
      `SELECT min(ct.created_at) AS at FROM conversation_tags ct
         JOIN conversations c ON c.id = ct.conversation_id
        WHERE ($1::uuid IS NULL OR c.source_id = $1)`,
      [sourceId],
    );
    return r?.at ? new Date(r.at) : null;
  }

  /** Tags put on conversations in [from, to) (by hand or by an auto-tag rule), with whose they are. */
  taggings(from: Date, to: Date, sourceId: string | null, cap = 5000): Promise<TaggingRow[]> {
    return this.db.query(
      `SELECT ct.tag_id::text AS "tagId", t.name::text AS tag, ct.conversation_id::text AS conversation,
              COALESCE(c.customer_id::text, c.contact_id::text, c.id::text) AS customer
         FROM conversation_tags ct
         JOIN tags t ON t.id = ct.tag_id
         JOIN conversations c ON c.id = ct.conversation_id
        WHERE ct.created_at >= $1 AND ct.created_at < $2 AND ($3::uuid IS NULL OR c.source_id = $3)
        ORDER BY ct.created_at DESC
        LIMIT $4`,
      [from, to, sourceId, cap],
    );
  }

  /** The newest inbound item of each of some conversations (samples for a message). */
  latestItems(conversationIds: string[], limit = 3): Promise<ItemRow[]> {
    return this.db.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (it.conversation_id) ${ITEM}
           FROM items it LEFT JOIN contacts ct ON ct.id = it.contact_id
          WHERE it.conversation_id = ANY($1::uuid[]) AND ${COUNTED}
          ORDER BY it.conversation_id, it.created_at_platform DESC
       ) x ORDER BY x.at DESC LIMIT $2`,
      [conversationIds, limit],
    );
  }

  /** Every source with what its health alert needs. */
  sourceHealth(sourceId: string | null): Promise<SourceHealthRow[]> {
    return this.db.query(
      `SELECT s.id, s.name, s.platform, s.enabled, s.status, s.status_reason AS "statusReason",
              s.status_changed_at AS "statusChangedAt", s.last_synced_at AS "lastSyncedAt", s.created_at AS "createdAt",
              (SELECT max(it.created_at_platform) FROM items it WHERE it.source_id = s.id) AS "lastItemAt"
         FROM sources s WHERE ($1::uuid IS NULL OR s.id = $1)
        ORDER BY s.created_at, s.id`,
      [sourceId],
    );
  }
}
