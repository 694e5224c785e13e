import { Injectable } from '@nestjs/common';
import { itemTerms } from '../analysis/text/terms';
import type { ItemsQuery } from './dto/report-query.dto';
import type { ReportItemsView } from './dto/report.views';
import { ItemListRow, ReportItemsRepository } from './report-items.repository';
import { ReportLookupsRepository } from './report-lookups.repository';
import { ReportRangeService } from './report-range.service';
import { columns, ReportResult } from './report-table';

/** Items a term request may look at for one page (the text prefilter is not exact). */
const TERM_SCAN = 5000;

/**
 * The drill-down list: the inbound items behind a chart point or table row (the DrillFilterView
 * every report returns), newest first. A term is matched exactly as the term counts match it
 * (src/analysis/text/terms.ts) after a LIKE on its stems narrows the rows.
 */
@Injectable()
export class ReportItemsService {
  constructor(
    private readonly ranges: ReportRangeService,
    private readonly items: ReportItemsRepository,
    private readonly lookups: ReportLookupsRepository,
  ) {}

  async list(q: ItemsQuery): Promise<ReportResult<ReportItemsView>> {
    const r = await this.ranges.resolve({ ...q, compare: 'none' }, 'day');
    const limit = q.limit ?? 50;
    const words = (s: string) =>
      s
        .toLowerCase()
        .replace(/ё/g, 'е')
        .split(/\s+/)
        .filter((w) => w.length > 0);
    const filter = {
      from: r.range.from,
      to: r.range.to,
      platform: q.platform,
      sourceId: q.sourceId,
      language: q.language,
      sentiment: q.sentiment,
      intent: q.intent,
      tagId: q.tagId,
      assignee: q.assignee,
      ids: q.ids,
      contains: [...(q.term ? words(q.term) : []), ...(q.q ? words(q.q) : [])],
    };
    let after = q.cursor ? parseCursor(q.cursor) : undefined;
    const found: ItemListRow[] = [];
    let scanned = 0;
    let more = false;
    if (!q.term) {
      const rows = await this.items.page(filter, limit + 1, after);
      found.push(...rows.slice(0, limit));
      scanned = found.length;
      more = rows.length > limit;
      after = cursorOf(found[found.length - 1]);
    } else {
      const batch = Math.min(500, limit * 5);
      let exhausted = false;
      do {
        const rows = await this.items.page(filter, batch, after);
        scanned += rows.length;
        let consumedAll = true;
        for (let i = 0; i < rows.length; i++) {
          after = cursorOf(rows[i]);
          if (itemTerms(rows[i].text).has(q.term)) found.push(rows[i]);
          if (found.length === limit) {
            consumedAll = i === rows.length - 1;
            break;
          }
        }
        exhausted = consumedAll && rows.length < batch;
      } while (!exhausted && found.length < limit && scanned < TERM_SCAN);
      more = !exhausted;
    }
    const sources = await this.lookups.sources();
    const items = found.map((x) => ({
      id: x.id,
      conversationId: x.conversationId,
      createdAt: new Date(x.createdAt).toISOString(),
      text: x.text,
      authorName: x.authorName,
      platform: x.platform,
      sourceId: x.sourceId,
      sourceName: sources.get(x.sourceId)?.name ?? null,
      language: x.language,
      sentiment: x.sentiment,
      intent: x.intent,
    }));
    const next = more && after ? `${after.createdUs}_${after.id}` : null;
    return {
      view: { items, nextCursor: next, scanned },
      table: {
        name: 'items',
        columns: columns(
          'id',
          'createdAt',
          'platform',
          'sourceName',
          'language',
          'sentiment',
          'intent',
          'authorName',
          'text',
          'conversationId',
        ),
        rows: items,
      },
    };
  }
}

function cursorOf(row: ItemListRow | undefined) {
  return row && { createdUs: row.createdUs, id: row.id };
}

function parseCursor(c: string): { createdUs: string; id: string } {
  const [createdUs, id] = c.split('_');
  return { createdUs, id };
}
