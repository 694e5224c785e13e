import { Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Counter } from 'prom-client';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { FetchResult, NormalizedItem } from '../connectors/connector';
import { storableItem, storableRawJson, type ItemCleaning } from '../connectors/storable-item';
import {
  summariseActivity,
  type ConversationActivity,
  type StoredItemFacts,
} from '../conversations/conversation-activity';
import { applyActivity, openConversation } from '../conversations/conversation-lifecycle';
import { ConversationsRepository, type NewConversation } from '../conversations/conversations.repository';
import { directionOf, placeInThread, type ThreadPlacement } from '../conversations/threading';
import type { ClockRules } from '../sla/clock-rules';
import { triageItem } from '../sla/item-triage';
import { SlaPolicyService } from '../sla/sla-policy.service';
import type { TriageResult } from '../sla/triage';
import {
  IngestRepository,
  type ContactInput,
  type ContactRef,
  type ConversationInput,
  type ItemRow,
} from './ingest.repository';
import { ItemAnalysis, type ItemAnalysisResult } from './item-analysis';
import { reviewReason } from '../analysis/review-flag';
import { publishInboxEvents } from '../inbox/inbox-events';
import { Metrics } from '../observability/metrics.service';
import { QuarantineRepository } from '../quarantine/quarantine.repository';
import { encodeQuarantinePayload } from '../quarantine/quarantine-payload';
import { roundsOf, splitIntoRounds, unitsOf } from './ingest-plan';
import { isolateFailures } from './isolate-failures';
import { matchRules, type CompiledRule, type TagMatch } from '../tags/tag-rules';
import { TagRulesService } from '../tags/tag-rules.service';
import { contactClues } from '../customers/identity';
import { describeStorageError, inPgTransaction, isItemDataError, isRetryableTxError } from '../database/pg';

export interface IngestResult {
  inserted: number;
  edited: number;
  /** Items already stored (redeliveries, replays, overlapping pages): no-ops. */
  duplicates: number;
  /** Items that could not be stored: kept in the quarantine, the rest of the batch committed. */
  quarantined: number;
  /** Conversations that got new or edited items (also published as an `items.stored` inbox event). */
  conversationIds: string[];
}

export class SourceNotFoundError extends NotFoundException {
  constructor(sourceId: string) {
    super(`source ${sourceId} does not exist`);
  }
}

export interface Prepared {
  /** The item as stored: NUL and lone surrogates replaced (see storableItem). */
  item: NormalizedItem;
  /** The item as the connector produced it: what a quarantine keeps. */
  original: NormalizedItem;
  /** Position in the connector's batch. */
  order: number;
  /** What cleaning replaced in the item's strings (its raw payload is cleaned in toRow). */
  cleaning: ItemCleaning | null;
  direction: 'inbound' | 'outbound';
  placement: ThreadPlacement | undefined;
  analysis: ItemAnalysisResult;
  triage?: TriageResult;
  /** The tags the auto-tag rules put on this item's conversation (inbound items only). */
  tags: TagMatch[] | null;
  /** Phone numbers and e-mails the customer wrote (`contact_clues`; inbound items only). */
  clues: string[] | null;
}

/** A batch analysed and ready to commit (see IngestService.prepare). */
export interface PreparedBatch {
  readonly sourceId: string;
  readonly platform: string;
  readonly rounds: Prepared[][];
  readonly cursors: Record<string, unknown>;
  readonly analyzedAt: Date;
  /** Cursor streams and platform threads the batch writes (pages sharing one must commit in order). */
  readonly locks: ReadonlySet<string>;
}

export interface CommitOptions {
  /**
   * false: an item that cannot be stored fails the call instead of going to the quarantine
   * (a replay from the quarantine, which records the failure on its own row).
   */
  quarantine?: boolean;
}

type Entry = Omit<Prepared, 'direction' | 'placement' | 'analysis' | 'tags' | 'clues'>;

const MAX_ATTEMPTS = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Idempotent ingest: one transaction stores a batch's contacts, conversations, items (with their
 * analysis and triage) and the cursors that cover them, then NOTIFYs the inbox on commit.
 * Connectors may redeliver freely: a duplicate is a no-op, an edit keeps the previous text.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly quarantine = new QuarantineRepository();
  private readonly platforms = new Map<string, string>();

  /** Items stored with characters replaced, and items sent to the quarantine, by platform. */
  private readonly cleanedTotal?: Counter<'platform'>;
  private readonly quarantinedTotal?: Counter<'platform'>;

  constructor(
    private readonly ds: DataSource,
    private readonly analysis: ItemAnalysis,
    private readonly policies: SlaPolicyService,
    private readonly repo: IngestRepository,
    private readonly conversations: ConversationsRepository,
    // optional only so benches and tests can build the service by hand; Nest always injects it
    @Optional() metrics?: Metrics,
    @Optional() private readonly tagRules?: TagRulesService,
  ) {
    this.cleanedTotal = metrics?.counter({
      name: 'otklik_ingest_cleaned_items_total',
      help: 'Items whose NUL or lone surrogates were replaced with U+FFFD before storing',
      labelNames: ['platform'],
    });
    this.quarantinedTotal = metrics?.counter({
      name: 'otklik_ingest_quarantined_items_total',
      help: 'Items the database refused, kept in the quarantine while their batch committed',
      labelNames: ['platform'],
    });
  }

  async ingest(sourceId: string, batch: FetchResult, opts: CommitOptions = {}): Promise<IngestResult> {
    return this.commit(await this.prepare(sourceId, batch), opts);
  }

  /**
   * The CPU half of ingest (cleaning, rounds, analysis), no transaction. A pipeline (SyncService)
   * prepares page n+1 while page n is being committed.
   */
  async prepare(sourceId: string, batch: FetchResult): Promise<PreparedBatch> {
    const analyzedAt = new Date();
    const platform = await this.platformOf(sourceId);
    // The connector boundary: what PostgreSQL cannot store is replaced here, for every connector.
    const entries: Entry[] = batch.items.map((original, order) => {
      const { item, cleaning } = storableItem(original);
      return { item, original, order, cleaning };
    });
    const rules = (await this.tagRules?.current()) ?? [];
    const rounds = splitIntoRounds(entries).map((round) => this.analyse(round, platform, sourceId, rules));
    const cursors = batch.cursors ?? {};
    const locks = new Set(Object.keys(cursors).filter((k) => !k.startsWith('__')));
    for (const e of entries) locks.add(`thread:${e.item.threadExternalId}`);
    return { sourceId, platform, rounds, cursors, analyzedAt, locks };
  }

  /**
   * The database half: one transaction (retried on deadlock/serialization failure). When a data
   * error fails it, the batch is stored around the items that cause it, which go to the
   * quarantine with the cursors in one last transaction: the source moves on, nothing is lost.
   */
  async commit(p: PreparedBatch, opts: CommitOptions = {}): Promise<IngestResult> {
    try {
      return await this.commitWhole(p);
    } catch (err) {
      if (opts.quarantine === false || !isItemDataError(err)) throw err;
      return this.commitAroundBadItems(p, err);
    }
  }

  private async commitAroundBadItems(p: PreparedBatch, firstError: unknown): Promise<IngestResult> {
    const total: IngestResult = {
      inserted: 0,
      edited: 0,
      duplicates: 0,
      quarantined: 0,
      conversationIds: [],
    };
    const touched = new Set<string>();
    const units = unitsOf(p.rounds.flat()).sort((a, b) => a[0].order - b[0].order);
    const { failed } = await isolateFailures(
      units,
      async (part) => {
        const r = await this.commitWhole({ ...p, rounds: roundsOf(part), cursors: {} });
        total.inserted += r.inserted;
        total.edited += r.edited;
        total.duplicates += r.duplicates;
        for (const id of r.conversationIds) touched.add(id);
      },
      isItemDataError,
      firstError,
    );
    const rows = failed.map(({ item: bad, error }) => ({
      sourceId: p.sourceId,
      externalId: bad.item.externalId,
      payload: encodeQuarantinePayload(bad.original),
      ...describeStorageError(error),
    }));
    await inPgTransaction(this.ds, async (c) => {
      await this.quarantine.add(c, rows);
      await this.repo.saveCursors(c, p.sourceId, p.cursors);
    });
    // Ids and codes only: the error text may quote what the customer wrote.
    this.logger.warn(
      `source ${p.sourceId}: ${rows.length} item(s) could not be stored and went to the quarantine: ` +
        rows.map((r) => `${r.externalId} (${r.errorCode ?? 'invalid value'})`).join(', '),
    );
    total.quarantined = rows.length;
    this.quarantinedTotal?.inc({ platform: p.platform }, rows.length);
    total.conversationIds = [...touched].sort();
    return total;
  }

  /** One transaction for the whole batch, retried on deadlock/serialization failure. */
  private async commitWhole(p: PreparedBatch): Promise<IngestResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const contacts = await this.resolveAuthors(p);
        let cleaned = 0;
        const result = await inPgTransaction(this.ds, (c) =>
          this.store(c, p, contacts, (n) => (cleaned = n)),
        );
        if (cleaned > 0) this.cleanedTotal?.inc({ platform: p.platform }, cleaned);
        return result;
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !isRetryableTxError(err)) throw err;
        this.logger.warn(`ingest for source ${p.sourceId} hit ${(err as { code?: string }).code}; retrying`);
      }
    }
  }

  /**
   * Authors become contacts in a short transaction of their own, before the page's: a contact is
   * an identity, harmless without items, so it need not wait for them, and a page committing
   * alongside with the same new author waits for one statement instead of a whole page.
   * Resolved on every attempt, so a retry sees contacts merged meanwhile.
   */
  private async resolveAuthors(p: PreparedBatch): Promise<Map<string, ContactRef>> {
    const authors = contactInputs(p.rounds.flat());
    if (authors.length === 0) return new Map();
    return inPgTransaction(this.ds, (c) => this.repo.upsertContacts(c, p.platform, authors));
  }

  /** Analysis is pure and needs no database, so it runs before the transaction opens. */
  private analyse(
    entries: Entry[],
    platform: string,
    sourceId: string,
    rules: readonly CompiledRule[],
  ): Prepared[] {
    const results = this.analysis.analyzeBatch(
      entries.map(({ item }) => ({ text: item.text, platform, kind: item.kind })),
    );
    // A plain literal with every field, not `{ ...e }`: with spread copies, store()'s property
    // reads went megamorphic (its CPU in the catch-up profile: 1.6 s → 6.9 s).
    return entries.map((e, i) => {
      const direction = directionOf(e.item);
      const a = results[i];
      // Auto-tag rules are pure and cached: matched here, off the transaction, like analysis.
      const tags =
        rules.length > 0 && direction === 'inbound'
          ? matchRules(rules, {
              text: e.item.text,
              intent: a.intent.label,
              sentiment: a.sentiment.label,
              sourceId,
            })
          : null;
      // the customer panel's same-person clues, read here off the transaction like the tags
      const clues = direction === 'inbound' && e.item.text ? contactClues(e.item.text) : null;
      return {
        item: e.item,
        original: e.original,
        order: e.order,
        cleaning: e.cleaning,
        direction,
        placement: placeInThread(e.item),
        analysis: a,
        triage: undefined,
        tags: tags && tags.length > 0 ? tags : null,
        clues: clues && clues.length > 0 ? clues : null,
      };
    });
  }

  private async store(
    c: PoolClient,
    batch: PreparedBatch,
    contacts: Map<string, ContactRef>,
    /** How many inserted or edited rows were cleaned (counted once the transaction commits). */
    reportCleaned: (n: number) => void,
  ): Promise<IngestResult> {
    const { sourceId, platform, rounds, cursors, analyzedAt } = batch;
    const all = rounds.flat();
    const total = all.length;
    if (total === 0) {
      await this.repo.saveCursors(c, sourceId, cursors);
      return { inserted: 0, edited: 0, duplicates: 0, quarantined: 0, conversationIds: [] };
    }
    // New items' words join search_doc in refreshPreviews' UPDATE below, not a trigger's second
    // one. JIT off: a page's statements run in milliseconds, but refreshPreviews' UPDATE (lateral
    // reads of items per conversation) is estimated above jit_optimize_above_cost as the tables grow,
    // and PostgreSQL spent 1–3 s compiling it with LLVM on each page (bench:catchup, auto_explain).
    await this.conversations.takeSearchDocInserts(c, { jit: 'off' });
    // The one cached rule set (SlaPolicyService): a policy edited anywhere reaches the next batch.
    const [policies, clockRules] = await Promise.all([this.policies.rules(), this.policies.clockRules()]);
    for (const p of all) {
      p.triage = triageItem(
        p.analysis,
        { createdAt: p.item.createdAt, direction: p.direction, sourceId },
        policies,
        this.analysis.deadlineCosts,
      );
    }

    const convKeys = new Map<string, ConversationInput>();
    for (const p of all) {
      if (!p.placement?.opens) continue;
      const contact = contacts.get(p.item.author.externalId);
      if (!convKeys.has(p.placement.key)) {
        convKeys.set(p.placement.key, {
          threadKey: p.placement.key,
          contactId: contact?.contactId ?? null,
          customerId: contact?.customerId ?? null,
        });
      }
    }
    // Brand replies in public threads join the conversation of the item they answer.
    const keyByItem = new Map<string, string>();
    for (const p of all) if (p.placement?.opens) keyByItem.set(p.item.externalId, p.placement.key);
    // New conversations are created with their activity (all their items are new).
    const keyForNew = (p: Prepared): string | undefined => {
      if (p.placement && convKeys.has(p.placement.key)) return p.placement.key;
      return p.item.parentExternalId ? keyByItem.get(p.item.parentExternalId) : undefined;
    };
    const preFacts: StoredItemFacts[] = [];
    for (const p of rounds[0]) {
      const key = keyForNew(p);
      if (key) preFacts.push(factOf(p, key, contacts.get(p.item.author.externalId)));
    }
    const preActivity = new Map(summariseActivity(preFacts).map((a) => [a.conversationId, a]));
    const sortedConvs = [...convKeys.values()].sort((a, b) => (a.threadKey < b.threadKey ? -1 : 1));
    const {
      ids: convIds,
      created,
      newRows,
    } = await this.ensureConversations(c, sourceId, platform, sortedConvs, preActivity);
    // Brand messages join an existing private conversation...
    const joinKeys = all
      .filter((p) => p.placement && !convIds.has(p.placement.key))
      .map((p) => p.placement!.key);
    for (const [k, id] of await this.repo.conversationIds(c, sourceId, [...new Set(joinKeys)]))
      convIds.set(k, id);
    // ...and other brand items the conversation of the item they answer.
    const placed = (p: Prepared) => (p.placement ? convIds.get(p.placement.key) : undefined);
    const orphanParents = all
      .filter((p) => !placed(p) && p.item.parentExternalId && !keyByItem.has(p.item.parentExternalId))
      .map((p) => p.item.parentExternalId!);
    const parentConv = await this.repo.conversationsOfItems(c, sourceId, [...new Set(orphanParents)]);
    const conversationOf = (p: Prepared): string | null => {
      const own = placed(p);
      if (own) return own;
      const parent = p.item.parentExternalId;
      if (!parent) return null;
      const key = keyByItem.get(parent);
      return (key ? convIds.get(key) : parentConv.get(parent)) ?? null;
    };

    let inserted = 0;
    let edited = 0;
    let newInbound = 0;
    let cleaned = 0;
    const facts: StoredItemFacts[] = [];
    const touched = new Set<string>();
    // inserted items whose words refreshPreviews adds (takeSearchDocInserts above)
    const fresh: string[] = [];
    const autoTags: { conversationId: string; tagId: string; ruleId: string }[] = [];
    const clues: { clue: string; contactId: string; at: Date }[] = [];
    for (const round of rounds) {
      const rows = round.map((p) =>
        toRow(p, conversationOf(p), contacts.get(p.item.author.externalId), analyzedAt),
      );
      const stored = await this.repo.upsertItems(c, sourceId, platform, rows);
      const byExt = new Map(round.map((p, i) => [p.item.externalId, { p, row: rows[i] }]));
      for (const s of stored) {
        if (s.conversationId) touched.add(s.conversationId);
        const entry = byExt.get(s.externalId)!;
        if (entry.row.cleaned !== null) cleaned++;
        if (entry.p.tags && s.conversationId) {
          for (const m of entry.p.tags) autoTags.push({ conversationId: s.conversationId, ...m });
        }
        const contact = entry.p.clues ? contacts.get(entry.p.item.author.externalId) : undefined;
        if (contact)
          for (const clue of entry.p.clues!)
            clues.push({ clue, contactId: contact.contactId, at: entry.p.item.createdAt });
        if (!s.inserted) {
          edited++;
          continue;
        }
        inserted++;
        const { p, row } = byExt.get(s.externalId)!;
        // a new conversation takes its items' words when it is inserted, below
        if (s.conversationId && !created.has(s.conversationId)) fresh.push(s.externalId);
        if (p.direction === 'inbound') newInbound++;
        if (!row.conversationId || created.has(row.conversationId)) continue;
        facts.push(factOf(p, row.conversationId, contacts.get(p.item.author.externalId)));
      }
    }
    reportCleaned(cleaned);
    // after their items, complete (preview, language, words); before the tags, which update them
    await this.conversations.insertNew(c, sourceId, platform, newRows);
    await this.applyActivity(c, summariseActivity(facts), clockRules);
    if (autoTags.length > 0) await this.tagRules!.store(c, autoTags);
    if (clues.length > 0) await this.repo.storeClues(c, clues);
    const conversationIds = [...touched].sort();
    await this.conversations.refreshPreviews(
      c,
      conversationIds.filter((id) => !created.has(id)),
      { sourceId, externalIds: fresh },
    );
    await this.repo.saveCursors(c, sourceId, cursors);
    await publishInboxEvents(c, [
      { type: 'items.stored', conversationIds, data: { inserted, edited, newInbound } },
    ]);
    return { inserted, edited, duplicates: total - inserted - edited, quarantined: 0, conversationIds };
  }

  /**
   * Makes the missing conversations (one per thread key) already carrying the batch's activity
   * (a new conversation's items are all new), so only existing ones are updated later. Returns
   * every key's id, which ids are new, and their rows: store() inserts them after their items.
   */
  private async ensureConversations(
    c: PoolClient,
    sourceId: string,
    platform: string,
    convs: ConversationInput[],
    activity: Map<string, ConversationActivity>,
  ): Promise<{ ids: Map<string, string>; created: Set<string>; newRows: NewConversation[] }> {
    const ids = await this.repo.conversationIds(
      c,
      sourceId,
      convs.map((x) => x.threadKey),
    );
    const missing = convs.filter((x) => !ids.has(x.threadKey));
    const created = new Set<string>();
    const newRows = missing.map((x) => {
      const id = randomUUID();
      ids.set(x.threadKey, id);
      created.add(id);
      const state = openConversation(id, activity.get(x.threadKey));
      return {
        threadKey: x.threadKey,
        state: { ...state, contactId: x.contactId, customerId: x.customerId },
      };
    });
    return { ids, created, newRows };
  }

  /**
   * New items on existing conversations: the lifecycle decides each one's next state (a customer
   * message reopens it, starts or resumes its clock), written back in one statement.
   */
  private async applyActivity(
    c: PoolClient,
    activity: ConversationActivity[],
    rules: ClockRules,
  ): Promise<void> {
    if (activity.length === 0) return;
    const byId = new Map(activity.map((a) => [a.conversationId, a]));
    const locked = await this.conversations.lockMany(c, [...byId.keys()]);
    await this.conversations.save(
      c,
      locked.map((s) => applyActivity(s, byId.get(s.id)!, rules)),
    );
  }

  /** A source's platform never changes, so it is cached (and its existence checked once). */
  private async platformOf(sourceId: string): Promise<string> {
    let platform = this.platforms.get(sourceId);
    if (!platform) {
      if (!UUID.test(sourceId)) throw new SourceNotFoundError(sourceId);
      platform = await this.repo.sourcePlatform(this.ds, sourceId);
      if (!platform) throw new SourceNotFoundError(sourceId);
      this.platforms.set(sourceId, platform);
    }
    return platform;
  }
}

function factOf(
  p: Prepared,
  conversationId: string,
  contact: { contactId: string; customerId: string } | undefined,
): StoredItemFacts {
  const t = p.triage!;
  const inbound = p.direction === 'inbound';
  return {
    conversationId,
    direction: p.direction,
    createdAt: p.item.createdAt,
    contactId: inbound ? (contact?.contactId ?? null) : null,
    customerId: inbound ? (contact?.customerId ?? null) : null,
    needsResponse: t.needsResponse,
    deadlineAt: t.deadlineAt,
    slaPolicyId: t.slaPolicyId,
    intent: p.analysis.intent.label,
    sentimentLabel: p.analysis.sentiment.label,
    priority: t.priority,
  };
}

function contactInputs(all: Prepared[]): ContactInput[] {
  const byId = new Map<string, ContactInput>();
  for (const p of all) {
    if (p.direction !== 'inbound') continue;
    const a = p.item.author;
    byId.set(a.externalId, {
      externalId: a.externalId,
      displayName: a.name ?? '',
      username: a.username ?? null,
    });
  }
  return [...byId.values()].sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
}

function toRow(
  p: Prepared,
  conversationId: string | null,
  contact: { contactId: string } | undefined,
  analyzedAt: Date,
): ItemRow {
  const { item, analysis } = p;
  const t = p.triage!;
  const raw = storableRawJson(item.raw, p.cleaning);
  return {
    externalId: item.externalId,
    kind: item.kind,
    parentExternalId: item.parentExternalId ?? null,
    threadExternalId: item.threadExternalId ?? null,
    conversationId,
    contactId: p.direction === 'inbound' ? (contact?.contactId ?? null) : null,
    direction: p.direction,
    authorExternalId: item.author.externalId,
    authorName: item.author.name ?? null,
    text: item.text,
    createdAt: item.createdAt,
    editedAt: item.editedAt ?? null,
    raw: raw.json,
    cleaned: raw.cleaning ? JSON.stringify(raw.cleaning) : null,
    language: analysis.language,
    sentimentScore: analysis.sentiment.score,
    sentimentLabel: analysis.sentiment.label,
    sentimentConfidence: analysis.sentiment.confidence,
    intent: analysis.intent.label,
    intentConfidence: analysis.intent.confidence,
    needsResponse: t.needsResponse,
    deadlineAt: t.deadlineAt,
    modelVersion: analysis.modelVersion,
    analyzedAt,
    analysisWhy: analysis.why ? JSON.stringify(analysis.why) : null,
    reviewReason:
      p.direction === 'inbound' ? reviewReason({ ...analysis, policyIntent: t.policyIntent }) : null,
  };
}
