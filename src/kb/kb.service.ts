import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from '../users/user.types';
import { CreateKbArticleDto, ListKbArticlesQuery, RecordKbUseDto, UpdateKbArticleDto } from './dto/kb.dto';
import { KbArticleRow, KbRepository } from './kb.repository';
import { bestExcerpt, Bm25Index, conversationQuery, searchQuery } from './ranking';

/** How many of the customer's latest messages a suggestion ranks by. */
const QUERY_MESSAGES = 3;
const SUGGESTIONS = 5;

/**
 * The knowledge base: admins write articles, everyone reads and searches them, and the inbox
 * gets suggestions for the open conversation ranked by BM25 (ranking.ts) against the customer's
 * latest messages. The index is rebuilt when the articles change (checked by one cheap query
 * per call, so every instance sees another's edit at once).
 */
@Injectable()
export class KbService {
  private index: { version: string; index: Bm25Index } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly kb: KbRepository,
    private readonly audit: AuditService,
  ) {}

  async list(q: ListKbArticlesQuery): Promise<KbArticleRow[]> {
    if (!q.q?.trim()) return this.kb.list(q);
    const ranked = (await this.currentIndex()).rank(searchQuery(q.q), 50, q.locale);
    if (ranked.length === 0 || q.archived) return [];
    const rows = await this.kb.list({ ...q, ids: ranked.map((r) => r.id) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ranked.map((r) => byId.get(r.id)).filter((r): r is KbArticleRow => !!r);
  }

  async get(id: string): Promise<KbArticleRow> {
    const row = await this.kb.find(this.db, id);
    if (!row) throw new NotFoundException('article not found');
    return row;
  }

  async create(dto: CreateKbArticleDto, user: SessionUser): Promise<KbArticleRow> {
    return this.db.transaction(async (tx) => {
      const id = await this.kb.create(tx, dto, user.id);
      await this.audit.record(user.id, 'kb_article.created', 'kb_article', id, { title: dto.title }, tx);
      return (await this.kb.find(tx, id))!;
    });
  }

  async update(id: string, dto: UpdateKbArticleDto, user: SessionUser): Promise<KbArticleRow> {
    return this.db.transaction(async (tx) => {
      const before = await this.kb.find(tx, id, true);
      if (!before || !(await this.kb.update(tx, id, dto, user.id)))
        throw new NotFoundException('article not found');
      // the previous text is kept in the audit trail, so an edit can always be looked up
      const changed = Object.keys(dto).filter((k) => k !== 'archived');
      await this.audit.record(
        user.id,
        dto.archived === true
          ? 'kb_article.archived'
          : dto.archived === false
            ? 'kb_article.restored'
            : 'kb_article.updated',
        'kb_article',
        id,
        {
          fields: Object.keys(dto),
          before: Object.fromEntries(changed.map((k) => [k, before[k as keyof KbArticleRow]])),
        },
        tx,
      );
      return (await this.kb.find(tx, id))!;
    });
  }

  /** Articles for the open conversation, best first, with the paragraph to insert. */
  async suggestions(conversationId: string) {
    if (!(await this.kb.conversationExists(conversationId)))
      throw new NotFoundException('conversation not found');
    const messages = await this.kb.latestCustomerMessages(conversationId, QUERY_MESSAGES);
    const query = conversationQuery(messages.map((m) => m.text));
    if (query.size === 0) return { suggestions: [], hasQuery: false };
    const locale =
      messages[messages.length - 1]?.language === 'en' ? 'en' : messages.length ? 'ru' : undefined;
    const ranked = (await this.currentIndex()).rank(query, SUGGESTIONS, locale);
    const rows = ranked.length ? await this.kb.list({ ids: ranked.map((r) => r.id) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const suggestions = ranked.flatMap((r) => {
      const article = byId.get(r.id);
      return article
        ? [{ article, score: Math.round(r.score * 1000) / 1000, excerpt: bestExcerpt(article.body, query) }]
        : [];
    });
    return { suggestions, hasQuery: true };
  }

  /** An agent put the article (a link or an excerpt) into a reply: counted. */
  async recordUse(articleId: string, dto: RecordKbUseDto, user: SessionUser) {
    await this.get(articleId);
    if (!(await this.kb.conversationExists(dto.conversationId)))
      throw new NotFoundException('conversation not found');
    await this.kb.recordUse(this.db, articleId, dto.conversationId, user.id, dto.kind);
    return { useCount: (await this.get(articleId)).useCount };
  }

  private async currentIndex(): Promise<Bm25Index> {
    const version = await this.kb.version();
    if (this.index?.version !== version) {
      this.index = { version, index: new Bm25Index(await this.kb.active()) };
    }
    return this.index.index;
  }
}
