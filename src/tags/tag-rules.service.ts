import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { PgNotifications } from '../database/pg-notifications';
import type { Queryable } from '../database/sql';
import { compileRules, type CompiledRule } from './tag-rules';
import { TAG_RULES_CHANNEL, TagsRepository } from './tags.repository';

/** A change reaches this instance at once, the others by NOTIFY; the cache also expires. */
const CACHE_TTL_MS = 60_000;

/**
 * The enabled auto-tag rules, compiled once (phrases stemmed) and cached for ingest, which asks
 * for them on every page. A change NOTIFYs tag_rules in its transaction, so every instance's
 * next page sees it.
 */
@Injectable()
export class TagRulesService implements OnModuleInit {
  private cache: { rules: CompiledRule[]; at: number } | null = null;
  private loading: Promise<CompiledRule[]> | null = null;
  private generation = 0;

  constructor(
    private readonly repo: TagsRepository,
    // optional so benches and tests can build it by hand; Nest always injects it
    @Optional() private readonly notifications?: PgNotifications,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.notifications?.listen(TAG_RULES_CHANNEL, {
      notified: () => this.invalidate(),
      missed: () => this.invalidate(),
    });
  }

  async current(): Promise<readonly CompiledRule[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_TTL_MS) return this.cache.rules;
    const gen = this.generation;
    const loading = (this.loading ??= this.repo.rules().then(
      (rows) => {
        const rules = compileRules(rows.filter((r) => r.enabled));
        if (gen === this.generation) this.cache = { rules, at: Date.now() };
        return rules;
      },
      (err: unknown) => {
        throw err;
      },
    ));
    try {
      return await loading;
    } finally {
      if (this.loading === loading) this.loading = null;
    }
  }

  /** Ingest's matches for a page, in its transaction (one statement). */
  store(db: Queryable, pairs: readonly { conversationId: string; tagId: string; ruleId: string }[]) {
    return this.repo.addFromRules(db, pairs);
  }

  invalidate(): void {
    this.cache = null;
    this.loading = null;
    this.generation++;
  }
}
