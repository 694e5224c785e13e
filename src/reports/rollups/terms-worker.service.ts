import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { CompanySettingsRepository } from '../company-settings.repository';
import { exclusively, TERMS_LOCK } from './exclusive';
import { countedNow, previousStates, TermDeltas } from './terms-counter';
import { TermsRepository } from './terms.repository';

/** Queue rows per transaction (each is one statement's items, often a page of hundreds). */
const BATCH_ROWS = 200;
/** Items read per query while rebuilding. */
const REBUILD_CHUNK = 20_000;
/** Term keys held in memory while rebuilding before they are written. */
const REBUILD_FLUSH = 300_000;

/**
 * Keeps report_term_days up to date from report_term_queue (written by the items triggers in
 * the writers' transactions, so a row is seen exactly when its items commit, whatever order ids
 * were handed out in). One worker at a time (advisory lock); each batch is one REPEATABLE READ
 * transaction, so the queue rows it takes and the item states it reads are one snapshot.
 */
@Injectable()
export class TermsWorker {
  private readonly log = new Logger('TermsWorker');

  constructor(
    private readonly db: DataSource,
    private readonly terms: TermsRepository,
    private readonly settings: CompanySettingsRepository,
  ) {}

  /** Works the queue down; rebuilds first when the company's time zone changed. Returns items counted. */
  async drain(maxBatches = 50): Promise<number> {
    const zone = (await this.settings.get()).timeZone;
    if ((await this.terms.countedZone()) !== zone) {
      await this.rebuild(zone);
      return 0;
    }
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await exclusively(this.db, TERMS_LOCK, (qr) => this.batch(qr, zone));
      if (!n) break;
      total += n;
    }
    return total;
  }

  private async batch(qr: QueryRunner, zone: string): Promise<number> {
    if ((await this.terms.countedZone(qr)) !== zone) return 0;
    const rows = await this.terms.queue(qr, BATCH_ROWS);
    if (rows.length === 0) return 0;
    // every entry of an item must be taken together: its first entry says what was counted
    for (;;) {
      const ids = [...new Set(rows.flatMap((r) => r.itemIds))];
      const more = await this.terms.queueOf(
        qr,
        ids,
        rows.map((r) => r.id),
      );
      if (more.length === 0) break;
      rows.push(...more);
    }
    const before = previousStates(rows);
    const now = new Map((await this.terms.items(qr, [...before.keys()])).map((i) => [i.id, i]));
    const deltas = new TermDeltas(zone);
    for (const [id, old] of before) {
      if (old) deltas.add(id, old, -1);
      const item = now.get(id);
      const current = item && countedNow(item);
      if (current) deltas.add(id, current, 1);
    }
    await this.terms.apply(qr, deltas.take());
    await this.terms.dequeue(
      qr,
      rows.map((r) => r.id),
    );
    return before.size;
  }

  /**
   * Counts every negative and positive inbound item again, in `zone`, in one snapshot: the queue
   * rows that snapshot sees are covered by it and removed; later ones stay for the worker.
   */
  async rebuild(zone: string): Promise<number> {
    const started = Date.now();
    const counted = await exclusively(this.db, TERMS_LOCK, async (qr) => {
      await qr.query(`DELETE FROM report_term_days`);
      await qr.query(`DELETE FROM report_term_weeks`);
      await qr.query(`DELETE FROM report_term_queue`);
      const deltas = new TermDeltas(zone);
      let after = '0';
      let n = 0;
      for (;;) {
        const items = await this.terms.polarisedAfter(qr, after, REBUILD_CHUNK);
        if (items.length === 0) break;
        for (const item of items) {
          const state = countedNow(item);
          if (state) deltas.add(item.id, state, 1);
        }
        n += items.length;
        after = items[items.length - 1].id;
        if (deltas.size > REBUILD_FLUSH) await this.terms.apply(qr, deltas.take());
      }
      await this.terms.apply(qr, deltas.take());
      await this.terms.setCountedZone(qr, zone);
      return n;
    });
    this.log.log(`term counts rebuilt in ${zone}: ${counted} items in ${Date.now() - started} ms`);
    return counted ?? 0;
  }
}
