import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type {
  AlertDetails,
  AlertKind,
  AlertSample,
  AlertState,
  ClearDetails,
  Language,
  MessageType,
} from './alert.types';

type Queryable = Pick<EntityManager, 'query'>;

export interface AlertRow {
  id: string;
  ruleId: string | null;
  kind: AlertKind;
  messageType: MessageType;
  parentId: string | null;
  scope: string;
  dedupeKey: string;
  channel: 'main' | 'lead';
  language: Language;
  state: AlertState;
  title: string;
  details: AlertDetails;
  clear: ClearDetails | null;
  samples: AlertSample[];
  firedAt: Date;
  resolvedAt: Date | null;
  nextAttemptAt: Date;
  attempts: number;
  /** attempts before the last resend by a person (the retry budget starts again there) */
  attemptsBase: number;
  claimedAt: Date | null;
  sentAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

export interface DeliveryRow {
  id: string;
  attempt: number;
  channel: string;
  worker: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string | null;
  httpStatus: number | null;
  error: string | null;
}

export interface NewAlert {
  ruleId: string;
  kind: AlertKind;
  messageType: MessageType;
  parentId?: string | null;
  scope: string;
  dedupeKey: string;
  channel: 'main' | 'lead';
  language: Language;
  title: string;
  details: AlertDetails;
  clear?: ClearDetails | null;
  samples: AlertSample[];
  firedAt: Date;
  nextAttemptAt: Date;
}

export interface ClaimedAlert extends AlertRow {
  deliveryId: string;
}

const COLUMNS = `a.id, a.rule_id AS "ruleId", a.kind, a.message_type AS "messageType", a.parent_id AS "parentId",
  a.scope, a.dedupe_key AS "dedupeKey", a.channel, a.language, a.state, a.title, a.details, a.clear, a.samples,
  a.fired_at AS "firedAt", a.resolved_at AS "resolvedAt", a.next_attempt_at AS "nextAttemptAt", a.attempts, a.attempts_base AS "attemptsBase",
  a.claimed_at AS "claimedAt", a.sent_at AS "sentAt", a.last_error AS "lastError", a.updated_at AS "updatedAt"`;

export interface AlertListFilter {
  state?: AlertState;
  kind?: AlertKind;
  ruleId?: string;
  messageType?: MessageType;
  from?: Date;
  to?: Date;
  /** keyset: fired before this alert */
  before?: { firedAt: Date; id: string };
  limit: number;
}

/** `rows` of an UPDATE … RETURNING through TypeORM ([rows, count]) or of a SELECT. */
const rowsOf = (r: any): any[] => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r);

/** alerts and alert_deliveries I/O: recording, the delivery claim, the sweep, the list. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Inserts unless (rule, dedupe key) exists already; null when it did. */
  async insert(m: Queryable, a: NewAlert): Promise<AlertRow | null> {
    const rows = await m.query(
      `INSERT INTO alerts AS a (rule_id, kind, message_type, parent_id, scope, dedupe_key, channel, language, title,
                               details, clear, samples, fired_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (rule_id, dedupe_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        a.ruleId,
        a.kind,
        a.messageType,
        a.parentId ?? null,
        a.scope,
        a.dedupeKey,
        a.channel,
        a.language,
        a.title,
        JSON.stringify(a.details),
        a.clear ? JSON.stringify(a.clear) : null,
        JSON.stringify(a.samples),
        a.firedAt,
        a.nextAttemptAt,
      ],
    );
    return rows[0] ?? null;
  }

  /** A rule's open episodes (alerts not yet resolved), by scope. */
  async openEpisodes(ruleId: string): Promise<AlertRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM alerts a
        WHERE a.rule_id = $1 AND a.message_type = 'alert' AND a.resolved_at IS NULL
        ORDER BY a.fired_at`,
      [ruleId],
    );
  }

  /**
   * An open spike incident now also speaks for `covers` (added to what it covered: two evaluators
   * racing both only add). A resolved one is left as it was.
   */
  async widenCovers(id: string, covers: string[]): Promise<void> {
    await this.db.query(
      `UPDATE alerts a SET details = jsonb_set(a.details, '{covers}', (
          SELECT coalesce(jsonb_agg(DISTINCT c), '[]'::jsonb)
            FROM jsonb_array_elements_text(coalesce(a.details->'covers', '[]'::jsonb) || $2::jsonb) AS c))
        WHERE a.id = $1 AND a.message_type = 'alert' AND a.resolved_at IS NULL`,
      [id, JSON.stringify(covers)],
    );
  }

  /** scope → its latest all-clear since `since` (for the cooldown). */
  async recentClears(ruleId: string, since: Date): Promise<Map<string, Date>> {
    const rows: { scope: string; at: Date }[] = await this.db.query(
      `SELECT a.scope, max(a.resolved_at) AS at FROM alerts a
        WHERE a.rule_id = $1 AND a.message_type = 'alert' AND a.resolved_at >= $2
        GROUP BY a.scope`,
      [ruleId, since],
    );
    return new Map(rows.map((r) => [r.scope, r.at]));
  }

  /**
   * scope → the wider scopes its latest incident spoke for, for incidents cleared since `since`
   * (spike incidents share their cooldown with the scopes they covered).
   */
  async recentClearCovers(ruleId: string, since: Date): Promise<Map<string, string[]>> {
    const rows: { scope: string; covers: string[] | null }[] = await this.db.query(
      `SELECT DISTINCT ON (a.scope) a.scope, a.details->'covers' AS covers FROM alerts a
        WHERE a.rule_id = $1 AND a.message_type = 'alert' AND a.resolved_at >= $2
        ORDER BY a.scope, a.resolved_at DESC`,
      [ruleId, since],
    );
    return new Map(rows.filter((r) => Array.isArray(r.covers)).map((r) => [r.scope, r.covers!]));
  }

  /** Whether a rule has an open (unresolved) alert for a scope. */
  async hasOpen(m: Queryable, ruleId: string, scope: string): Promise<boolean> {
    const rows = await m.query(
      `SELECT 1 FROM alerts WHERE rule_id = $1 AND scope = $2 AND message_type = 'alert' AND resolved_at IS NULL LIMIT 1`,
      [ruleId, scope],
    );
    return rows.length > 0;
  }

  /** How many alerts a rule raised for a scope (numbers episodes, so two evaluators agree on the key). */
  async episodeCount(m: Queryable, ruleId: string, scope: string): Promise<number> {
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM alerts WHERE rule_id = $1 AND scope = $2 AND message_type = 'alert'`,
      [ruleId, scope],
    );
    return n;
  }

  async exists(ruleId: string, dedupeKeys: string[]): Promise<Set<string>> {
    if (!dedupeKeys.length) return new Set();
    const rows: { k: string }[] = await this.db.query(
      `SELECT dedupe_key AS k FROM alerts WHERE rule_id = $1 AND dedupe_key = ANY($2::text[])`,
      [ruleId, dedupeKeys],
    );
    return new Set(rows.map((r) => r.k));
  }

  /**
   * Ends an episode: resolved_at stamped, and the state becomes `resolved` unless a worker is
   * sending its message right now (the sender's own finish then writes `resolved`). Returns the
   * state it had, or null when it was resolved already.
   */
  async resolve(m: Queryable, id: string, at: Date): Promise<AlertState | null> {
    const rows = rowsOf(
      await m.query(
        `UPDATE alerts a SET resolved_at = $2, updated_at = now(),
                state = CASE WHEN a.state = 'sending' THEN a.state ELSE 'resolved' END
           FROM (SELECT id, state FROM alerts WHERE id = $1 FOR UPDATE) before
          WHERE a.id = before.id AND a.resolved_at IS NULL
          RETURNING before.state AS "previous"`,
        [id, at],
      ),
    );
    return rows[0]?.previous ?? null;
  }

  async find(id: string, m: Queryable = this.db): Promise<AlertRow | null> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM alerts a WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * The delivery claim, one statement: fired → sending (attempts + 1) and the attempt row, only
   * when the alert is due. Two workers, a retried job or a restart race here; exactly one wins,
   * and the attempt row exists before a single byte goes to Slack.
   */
  async claim(id: string, worker: string): Promise<ClaimedAlert | null> {
    const rows = await this.db.query(
      `WITH c AS (
         UPDATE alerts SET state = 'sending', attempts = attempts + 1, claimed_at = now(), updated_at = now()
          WHERE id = $1 AND state = 'fired' AND next_attempt_at <= now()
          RETURNING *
       ), d AS (
         INSERT INTO alert_deliveries (alert_id, attempt, channel, worker)
         SELECT id, attempts, channel, $2 FROM c
         RETURNING id
       )
       SELECT ${COLUMNS}, d.id::text AS "deliveryId" FROM c a, d`,
      [id, worker],
    );
    return rows[0] ?? null;
  }

  /**
   * Records how an attempt ended. Slack's answer wins over what the sweep decided meanwhile
   * (`unknown` after a lease ran out): a late 200 is still `sent`. An alert resolved meanwhile
   * ends `resolved` (its sent_at says whether the message went out).
   */
  async finish(
    id: string,
    deliveryId: string,
    attempt: number,
    r: {
      outcome: 'sent' | 'logged' | 'retry' | 'failed' | 'unknown';
      state: 'sent' | 'logged' | 'fired' | 'failed' | 'unknown';
      nextAttemptAt?: Date;
      httpStatus?: number | null;
      error?: string | null;
    },
  ): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const rows = rowsOf(
        await m.query(
          `UPDATE alerts SET
             state = (CASE WHEN resolved_at IS NOT NULL THEN 'resolved' ELSE $2::text END)::alert_state,
             next_attempt_at = COALESCE($3, next_attempt_at),
             sent_at = CASE WHEN $2::text = 'sent' THEN now() ELSE sent_at END,
             last_error = $4, updated_at = now()
           WHERE id = $1 AND attempts = $5 AND state IN ('sending', 'unknown')
           RETURNING id`,
          [id, r.state, r.nextAttemptAt ?? null, r.error ?? null, attempt],
        ),
      );
      await m.query(
        `UPDATE alert_deliveries SET finished_at = now(), outcome = $2, http_status = $3, error = $4
          WHERE id = $1`,
        [deliveryId, r.outcome, r.httpStatus ?? null, r.error ?? null],
      );
      return rows.length > 0;
    });
  }

  /** Moves a due message to a later time (quiet hours, waiting for the alert it clears). */
  async postpone(id: string, until: Date): Promise<boolean> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE alerts SET next_attempt_at = $2, updated_at = now() WHERE id = $1 AND state = 'fired' RETURNING id`,
        [id, until],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Sends whose worker died (claimed longer ago than the lease): `unknown` — the message may have
   * arrived — with their open attempt closed the same way. Never sent again automatically.
   */
  async settleStuck(leaseSeconds: number): Promise<string[]> {
    return this.db.transaction(async (m) => {
      const rows = rowsOf(
        await m.query(
          `UPDATE alerts SET
             state = (CASE WHEN resolved_at IS NOT NULL THEN 'resolved' ELSE 'unknown' END)::alert_state,
             last_error = 'the worker stopped while sending; the message may have arrived (not sent again automatically)',
             updated_at = now()
           WHERE state = 'sending' AND claimed_at < now() - make_interval(secs => $1)
           RETURNING id`,
          [leaseSeconds],
        ),
      );
      const ids = rows.map((r: { id: string }) => r.id);
      if (ids.length) {
        await m.query(
          `UPDATE alert_deliveries SET finished_at = now(), outcome = 'unknown', error = 'worker stopped mid-send'
            WHERE alert_id = ANY($1::uuid[]) AND finished_at IS NULL`,
          [ids],
        );
      }
      return ids;
    });
  }

  /** Due messages with no progress for a while: their job was lost (or dead-lettered). */
  async dueWithoutProgress(
    graceSeconds: number,
    limit = 100,
  ): Promise<{ id: string; nextAttemptAt: Date }[]> {
    return this.db.query(
      `SELECT id, next_attempt_at AS "nextAttemptAt" FROM alerts
        WHERE state = 'fired' AND next_attempt_at < now() - make_interval(secs => $1)
          AND updated_at < now() - make_interval(secs => $1)
        ORDER BY next_attempt_at LIMIT $2`,
      [graceSeconds, limit],
    );
  }

  /** Messages of a rule waiting for a later time (quiet hours). */
  held(ruleId: string, now: Date): Promise<{ id: string; nextAttemptAt: Date }[]> {
    return this.db.query(
      `SELECT id, next_attempt_at AS "nextAttemptAt" FROM alerts
        WHERE rule_id = $1 AND state = 'fired' AND next_attempt_at > $2`,
      [ruleId, now],
    );
  }

  /**
   * A person saw an `unknown` message in the channel: it is `sent` (as of the attempt that may
   * have delivered it), and nothing is sent again. The attempt rows stay as they were.
   */
  async markSent(id: string): Promise<AlertRow | null> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE alerts a SET state = 'sent', sent_at = COALESCE(a.claimed_at, now()), last_error = NULL,
                updated_at = now()
          WHERE a.id = $1 AND a.state = 'unknown'
          RETURNING ${COLUMNS}`,
        [id],
      ),
    );
    return rows[0] ?? null;
  }

  /** A person asks to send a failed or unknown message again. */
  async requeue(id: string): Promise<AlertRow | null> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE alerts a SET state = 'fired', next_attempt_at = now(), attempts_base = a.attempts, last_error = NULL,
                updated_at = now()
          WHERE a.id = $1 AND a.state IN ('failed', 'unknown') AND a.resolved_at IS NULL
          RETURNING ${COLUMNS}`,
        [id],
      ),
    );
    return rows[0] ?? null;
  }

  async list(f: AlertListFilter): Promise<AlertRow[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      values.push(v);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (f.state) add('a.state = ?', f.state);
    if (f.kind) add('a.kind = ?', f.kind);
    if (f.ruleId) add('a.rule_id = ?', f.ruleId);
    if (f.messageType) add('a.message_type = ?', f.messageType);
    if (f.from) add('a.fired_at >= ?', f.from);
    if (f.to) add('a.fired_at < ?', f.to);
    if (f.before) {
      values.push(f.before.firedAt, f.before.id);
      where.push(`(a.fired_at, a.id) < ($${values.length - 1}, $${values.length}::uuid)`);
    }
    values.push(f.limit);
    return this.db.query(
      `SELECT ${COLUMNS} FROM alerts a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.fired_at DESC, a.id DESC LIMIT $${values.length}`,
      values,
    );
  }

  async deliveries(alertId: string): Promise<DeliveryRow[]> {
    return this.db.query(
      `SELECT id::text, attempt, channel, worker, started_at AS "startedAt", finished_at AS "finishedAt", outcome,
              http_status AS "httpStatus", error
         FROM alert_deliveries WHERE alert_id = $1 ORDER BY attempt`,
      [alertId],
    );
  }

  /** The all-clear message of an alert, if one was recorded. */
  async allClearOf(parentId: string): Promise<AlertRow | null> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM alerts a WHERE a.parent_id = $1 AND a.message_type = 'all_clear' LIMIT 1`,
      [parentId],
    );
    return rows[0] ?? null;
  }
}
