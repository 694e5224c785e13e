import type { QueryRunner } from 'typeorm';
import { sqlRows } from '../../database/sql';
import { countedNow, TermDeltas } from './terms-counter';
import { TermsRepository } from './terms.repository';

/**
 * Counts the terms of every negative and positive inbound item again (in the caller's snapshot,
 * in the zone the days were counted in) and compares with report_term_days. Conclusive only when
 * that snapshot has no queued rows (`pending`).
 */
export class TermsRecount {
  constructor(private readonly qr: QueryRunner) {}

  async compare(): Promise<{ rows: number; pending: number; differences: Record<string, unknown>[] }> {
    const repo = new TermsRepository(this.qr.connection);
    const [{ pending }] = await this.qr.query(`SELECT count(*)::int AS pending FROM report_term_queue`);
    const zone = await repo.countedZone(this.qr);
    const expected = new Map<string, number>();
    if (zone) {
      const deltas = new TermDeltas(zone);
      for (let after = '0'; ;) {
        const items = await repo.polarisedAfter(this.qr, after, 20_000);
        if (items.length === 0) break;
        for (const item of items) {
          const state = countedNow(item);
          if (state) deltas.add(item.id, state, 1);
        }
        after = items[items.length - 1].id;
        for (const d of deltas.take()) {
          const k = `${d.polarity}|${d.day}|${d.term}`;
          expected.set(k, (expected.get(k) ?? 0) + d.items);
        }
      }
    }
    const rows = await sqlRows<{ k: string; items: number }>(
      this.qr,
      `SELECT polarity || '|' || day::text || '|' || term AS k, items FROM report_term_days`,
    );
    const differences: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.k);
      const want = expected.get(r.k) ?? 0;
      if (want !== r.items) differences.push({ term: r.k, rollup: r.items, recount: want });
    }
    for (const [k, want] of expected)
      if (!seen.has(k) && want !== 0) differences.push({ term: k, rollup: 0, recount: want });
    // the week tier is the days summed per ISO week
    const weeks = await sqlRows<Record<string, unknown>>(
      this.qr,
      `SELECT coalesce(w.polarity, d.polarity) AS polarity, coalesce(w.week, d.week)::text AS week,
              coalesce(w.term, d.term) AS term, w.items AS "weekRow", d.items AS "daysSum"
         FROM report_term_weeks w
         FULL JOIN (SELECT polarity, date_trunc('week', day::timestamp)::date AS week, term, sum(items)::int AS items
                      FROM report_term_days GROUP BY 1, 2, 3) d USING (polarity, week, term)
        WHERE w.items IS DISTINCT FROM d.items
        LIMIT 100`,
    );
    for (const w of weeks) differences.push({ week: true, ...w });
    return { rows: rows.length, pending, differences };
  }
}
