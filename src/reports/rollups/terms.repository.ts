import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queryable, sqlOne, sqlRows } from '../../database/sql';
import { weekSpans } from '../domain/time-buckets';

export type Polarity = 'negative' | 'positive';

export interface TermTotals {
  term: string;
  current: number;
  previous: number;
}

/** One batch of report_term_queue: the item ids a statement wrote, and their state before it. */
export interface QueueRow {
  id: string;
  itemIds: string[];
  /** null: the items were new; else per item its counted state before the update, or null */
  olds: ({ at: string; polarity: Polarity; text: string } | null)[] | null;
}

export interface ItemState {
  id: string;
  at: Date;
  polarity: string | null;
  inbound: boolean;
  text: string;
}

export interface TermDelta {
  day: string;
  polarity: Polarity;
  term: string;
  items: number;
  surface: string;
  /** item ids newly counted under the term (newest kept as examples) */
  added: string[];
  /** item ids no longer counted under it */
  removed: string[];
}

/** report_term_days (per day in the company's zone), its queue, and the state of its zone. */
@Injectable()
export class TermsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Term counts this period and the previous one (days [prevFrom, from) and [from, to)): whole ISO
   * weeks from report_term_weeks, the days at the edges from report_term_days.
   */
  async totals(
    polarity: Polarity,
    days: { prevFrom: string; from: string; to: string },
    minCount: number,
    limit: number,
  ): Promise<TermTotals[]> {
    const params: unknown[] = [polarity, minCount, limit];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const parts: string[] = [];
    const read = (table: 'weeks' | 'days', [lo, hi]: [string, string], current: boolean) => {
      const col = table === 'weeks' ? 'week' : 'day';
      parts.push(`SELECT term, items, ${current} AS current FROM report_term_${table}
                   WHERE polarity = $1 AND ${col} >= ${p(lo)}::date AND ${col} < ${p(hi)}::date`);
    };
    for (const [span, current] of [
      [[days.prevFrom, days.from], false],
      [[days.from, days.to], true],
    ] as [[string, string], boolean][]) {
      if (span[0] >= span[1]) continue;
      const split = weekSpans(span[0], span[1]);
      for (const w of split.weeks) read('weeks', w, current);
      for (const d of split.days) read('days', d, current);
    }
    return sqlRows(
      this.db,
      `SELECT term, (COALESCE(sum(items) FILTER (WHERE current), 0))::int AS current,
              (COALESCE(sum(items) FILTER (WHERE NOT current), 0))::int AS previous
         FROM (${parts.join(' UNION ALL ')}) x
        GROUP BY term
       HAVING COALESCE(sum(items) FILTER (WHERE current), 0) >= $2
        ORDER BY current DESC, term
        LIMIT $3`,
      params,
    );
  }

  /**
   * What people wrote for each term (its surface on the day it was most mentioned in [from, to)):
   * read for the few terms a report shows, not in the candidates' aggregate.
   */
  async surfaces(
    polarity: Polarity,
    terms: string[],
    from: string,
    to: string,
  ): Promise<Map<string, string>> {
    const rows = await sqlRows<{ term: string; surface: string }>(
      this.db,
      `SELECT DISTINCT ON (term) term, surface FROM report_term_days
        WHERE polarity = $1 AND term = ANY($2::text[]) AND day >= $3::date AND day < $4::date
        ORDER BY term, items DESC, day DESC`,
      [polarity, terms, from, to],
    );
    return new Map(rows.map((r) => [r.term, r.surface]));
  }

  /** The newest example items of each term in [from, to). */
  async samples(
    polarity: Polarity,
    terms: string[],
    from: string,
    to: string,
  ): Promise<Map<string, string[]>> {
    const rows = await sqlRows<{ term: string; ids: string[] }>(
      this.db,
      `SELECT term, array_agg(id::text ORDER BY id DESC) AS ids FROM (
         SELECT DISTINCT term, unnest(samples) AS id FROM report_term_days
          WHERE polarity = $1 AND term = ANY($2::text[]) AND day >= $3::date AND day < $4::date) s
        GROUP BY term`,
      [polarity, terms, from, to],
    );
    return new Map(rows.map((r) => [r.term, r.ids.slice(0, 3)]));
  }

  /** The zone the term days were counted in (null: never built). */
  async countedZone(db: Queryable = this.db): Promise<string | null> {
    return (await sqlOne<{ z: string | null }>(db, `SELECT time_zone AS z FROM report_term_state`))!.z;
  }

  // ---- the worker's side (in its REPEATABLE READ transaction) ----

  async queue(db: Queryable, limit: number): Promise<QueueRow[]> {
    return sqlRows(
      db,
      `SELECT id::text, item_ids::text[] AS "itemIds", olds FROM report_term_queue q ORDER BY q.id LIMIT $1`,
      [limit],
    );
  }

  /** Every queued row that mentions one of these items (an item's entries are taken together). */
  async queueOf(db: Queryable, itemIds: string[], exclude: string[]): Promise<QueueRow[]> {
    return sqlRows(
      db,
      `SELECT id::text, item_ids::text[] AS "itemIds", olds FROM report_term_queue
        WHERE item_ids && $1::bigint[] AND NOT (report_term_queue.id = ANY($2::bigint[])) ORDER BY report_term_queue.id`,
      [itemIds, exclude],
    );
  }

  async items(db: Queryable, ids: string[]): Promise<ItemState[]> {
    return sqlRows(
      db,
      `SELECT id::text, created_at_platform AS at, sentiment_label AS polarity,
              direction = 'inbound' AS inbound, text
         FROM items WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** Inbound negative and positive items after an id, in id order (the rebuild's pages). */
  async polarisedAfter(db: Queryable, afterId: string, limit: number): Promise<ItemState[]> {
    return sqlRows(
      db,
      `SELECT id::text, created_at_platform AS at, sentiment_label AS polarity, true AS inbound, text
         FROM items
        WHERE id > $1::bigint AND direction = 'inbound' AND sentiment_label IN ('negative', 'positive')
        ORDER BY items.id LIMIT $2`,
      [afterId, limit],
    );
  }

  async dequeue(db: Queryable, ids: string[]): Promise<void> {
    await db.query(`DELETE FROM report_term_queue WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /**
   * Adds the counts (a negative delta subtracts), keeps the three newest example items per row
   * (ids no longer counted are dropped first), and removes rows that fell to zero.
   */
  async apply(db: Queryable, deltas: TermDelta[]): Promise<void> {
    const keys = (d: TermDelta[]) => [d.map((x) => x.polarity), d.map((x) => x.day), d.map((x) => x.term)];
    const removing = deltas.filter((x) => x.removed.length > 0);
    for (let i = 0; i < removing.length; i += 5000) {
      const d = removing.slice(i, i + 5000);
      await db.query(
        `UPDATE report_term_days t SET samples = ARRAY(SELECT x FROM unnest(t.samples) x
                 WHERE NOT (x = ANY(ARRAY(SELECT jsonb_array_elements_text(u.removed)::bigint))))
           FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS u(polarity, day, term, removed)
          WHERE t.polarity = u.polarity AND t.day = u.day::date AND t.term = u.term`,
        [...keys(d), d.map((x) => JSON.stringify(x.removed))],
      );
    }
    for (let i = 0; i < deltas.length; i += 5000) {
      const d = deltas.slice(i, i + 5000);
      await db.query(
        `INSERT INTO report_term_days AS t (polarity, day, term, items, surface, samples)
         SELECT u.polarity, u.day::date, u.term, u.items, u.surface,
                ARRAY(SELECT x::bigint FROM jsonb_array_elements_text(u.added) x ORDER BY x::bigint DESC LIMIT 3)
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[])
             AS u(polarity, day, term, items, surface, added)
          ORDER BY 1, 2, 3
         ON CONFLICT (polarity, day, term) DO UPDATE SET
           items = t.items + EXCLUDED.items,
           surface = CASE WHEN EXCLUDED.items > 0 THEN EXCLUDED.surface ELSE t.surface END,
           samples = ARRAY(SELECT DISTINCT x FROM unnest(EXCLUDED.samples || t.samples) x ORDER BY x DESC LIMIT 3)`,
        [...keys(d), d.map((x) => x.items), d.map((x) => x.surface), d.map((x) => JSON.stringify(x.added))],
      );
    }
    // the week tier (migration 1732601500000): the same counts per ISO week of the day
    for (let i = 0; i < deltas.length; i += 5000) {
      const d = deltas.slice(i, i + 5000);
      await db.query(
        `INSERT INTO report_term_weeks AS t (polarity, week, term, items)
         SELECT u.polarity, date_trunc('week', u.day::date::timestamp)::date, u.term, sum(u.items)
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u(polarity, day, term, items)
          GROUP BY 1, 2, 3
          ORDER BY 1, 2, 3
         ON CONFLICT (polarity, week, term) DO UPDATE SET items = t.items + EXCLUDED.items`,
        [...keys(d), d.map((x) => x.items)],
      );
    }
    const falling = deltas.filter((x) => x.items < 0);
    if (falling.length) {
      await db.query(
        `DELETE FROM report_term_days t USING unnest($1::text[], $2::text[], $3::text[]) AS u(polarity, day, term)
          WHERE t.polarity = u.polarity AND t.day = u.day::date AND t.term = u.term AND t.items <= 0`,
        keys(falling),
      );
      await db.query(
        `DELETE FROM report_term_weeks t USING unnest($1::text[], $2::text[], $3::text[]) AS u(polarity, day, term)
          WHERE t.polarity = u.polarity AND t.week = date_trunc('week', u.day::date::timestamp)::date AND t.term = u.term
            AND t.items <= 0`,
        keys(falling),
      );
    }
  }

  async setCountedZone(db: Queryable, zone: string): Promise<void> {
    await db.query(`UPDATE report_term_state SET time_zone = $1, built_at = now()`, [zone]);
  }
}
