/**
 * The chaos run's customers and agent: customer items injected into the emulators through their
 * control APIs at a steady rate (VK wall comments and direct messages, Telegram private and group
 * messages), and replies to every n-th item requested through Otklik's API as a signed-in agent,
 * once the item is stored, each with its own Idempotency-Key (so a retried request is one reply).
 * Every text carries a tag (#i<n>, [r<n>]) so each item and reply can be found wherever it ends up.
 */
import type { Pool } from 'pg';
import { seededRandom } from '../../src/common/seeded-random';
import type { ApiPool } from './api';
import { GROUP_ID, TG_GROUP_ID, type EmulatorProcess } from './emulators';

export type ItemKind = 'vk_comment' | 'vk_message' | 'tg_private' | 'tg_group';

export interface Injected {
  n: number;
  kind: ItemKind;
  sourceId: string;
  /** The key Otklik stores it under (items.external_id). */
  externalId: string;
}

export interface ReplyRequest {
  k: number;
  item: Injected;
  /** Otklik's reply id once the API accepted it (202). */
  replyId?: string;
  /** The API refused it (4xx): status and message. */
  rejected?: string;
}

const PHRASES = [
  'Сколько стоит доставка в Казань?',
  'Оплата не проходит уже второй день',
  'Спасибо, всё пришло вовремя!',
  'how do I reset my password?',
  'Не приходит SMS-код при входе',
  'Где мой заказ? Жду неделю',
];

export const itemTag = (n: number) => `#i${n}`;
export const replyTag = (k: number) => `[r${k}]`;
export const ITEM_TAG = /#i(\d+)\b/;
export const REPLY_TAG = /\[r(\d+)\]/;

export class Injector {
  readonly injected: Injected[] = [];
  /** Control calls that failed (the item may or may not exist in the emulator). */
  readonly failures: string[] = [];
  private readonly rng: () => number;

  constructor(
    private readonly emu: EmulatorProcess,
    private readonly sources: { vk: string; tg: string },
    private readonly opts: { seed: number; posts: number[]; authors: number },
  ) {
    this.rng = seededRandom(opts.seed);
  }

  /** Injects items n = from..to-1 (a few at a time). */
  async inject(from: number, to: number, concurrency = 8): Promise<void> {
    const plan = [];
    for (let n = from; n < to; n++) plan.push(this.plan(n));
    for (let i = 0; i < plan.length; i += concurrency) {
      await Promise.all(plan.slice(i, i + concurrency).map((p) => this.one(p)));
    }
  }

  private plan(n: number) {
    const r = this.rng();
    const kind: ItemKind =
      r < 0.4 ? 'vk_comment' : r < 0.65 ? 'vk_message' : r < 0.9 ? 'tg_private' : 'tg_group';
    const author = 1 + Math.floor(this.rng() * this.opts.authors);
    const post = this.opts.posts[Math.floor(this.rng() * this.opts.posts.length)];
    const text = `${PHRASES[n % PHRASES.length]} ${itemTag(n)}`;
    return { n, kind, author, post, text };
  }

  private async one(p: ReturnType<Injector['plan']>): Promise<void> {
    try {
      if (p.kind === 'vk_comment') {
        const c = await this.emu.vkControl('POST', 'comment', {
          ownerId: -GROUP_ID,
          postId: p.post,
          fromId: 10_000 + p.author,
          text: p.text,
        });
        this.add(p.n, p.kind, this.sources.vk, `wall_comment:-${GROUP_ID}_${p.post}_${c.id}`);
      } else if (p.kind === 'vk_message') {
        const from = 20_000 + p.author;
        const m = await this.emu.vkControl('POST', 'message', {
          groupId: GROUP_ID,
          fromId: from,
          text: p.text,
        });
        this.add(p.n, p.kind, this.sources.vk, `message:${from}_${m.id}`);
      } else {
        const from = { id: 300_000 + p.author, first_name: `Клиент ${p.author}` };
        const body =
          p.kind === 'tg_group' ? { chat_id: TG_GROUP_ID, from, text: p.text } : { from, text: p.text };
        const { message } = await this.emu.tgControl('POST', 'send', body);
        this.add(p.n, p.kind, this.sources.tg, `${message.chat.id}:${message.message_id}`);
      }
    } catch (err) {
      this.failures.push(`item ${p.n}: ${(err as Error).message}`);
    }
  }

  private add(n: number, kind: ItemKind, sourceId: string, externalId: string) {
    this.injected.push({ n, kind, sourceId, externalId });
  }
}

/** Requests replies to the chosen items once they are stored, through the API as the agent. */
export class Replier {
  readonly requests: ReplyRequest[] = [];
  private readonly waiting: ReplyRequest[] = [];
  private running = 0;

  constructor(
    private readonly api: ApiPool,
    private readonly db: Pool,
    private readonly opts: { runId: string; concurrency: number },
  ) {}

  /** Adds a reply to this item (the k-th reply of the run). */
  want(k: number, item: Injected): void {
    const r: ReplyRequest = { k, item };
    this.requests.push(r);
    this.waiting.push(r);
  }

  /** Items chosen but not stored yet (no reply requested). */
  unrequested(): number {
    return this.waiting.length + this.running;
  }

  /** One pass: finds which waiting items are stored and requests their replies. */
  async tick(): Promise<void> {
    if (!this.waiting.length) return;
    let stored: Map<string, { id: string; conversationId: string }>;
    try {
      const { rows } = await this.db.query<{ key: string; id: string; conversation_id: string }>(
        `SELECT source_id || '|' || external_id AS key, min(id)::text AS id, min(conversation_id::text) AS conversation_id
           FROM items
          WHERE direction = 'inbound' AND (source_id || '|' || external_id) = ANY($1)
          GROUP BY 1`,
        [this.waiting.map((r) => `${r.item.sourceId}|${r.item.externalId}`)],
      );
      stored = new Map(rows.map((r) => [r.key, { id: r.id, conversationId: r.conversation_id }]));
    } catch {
      return; // the database is away (restart): next pass
    }
    const ready = this.waiting.filter((r) => stored.has(`${r.item.sourceId}|${r.item.externalId}`));
    for (const r of ready) this.waiting.splice(this.waiting.indexOf(r), 1);
    const queue = [...ready];
    await Promise.all(
      Array.from({ length: this.opts.concurrency }, async () => {
        for (let r = queue.shift(); r; r = queue.shift()) {
          this.running++;
          try {
            await this.request(r, stored.get(`${r.item.sourceId}|${r.item.externalId}`)!);
          } finally {
            this.running--;
          }
        }
      }),
    );
  }

  private async request(r: ReplyRequest, target: { id: string; conversationId: string }): Promise<void> {
    const text = `Спасибо, что написали! Ответ на ${itemTag(r.item.n)} ${replyTag(r.k)}`;
    try {
      const res = await this.api.post(
        `/api/conversations/${target.conversationId}/replies`,
        { text, inReplyToItemId: target.id },
        { 'idempotency-key': `chaos-${this.opts.runId}-r${r.k}` },
      );
      if (res.status === 202) r.replyId = res.body.id;
      else r.rejected = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
    } catch (err) {
      r.rejected = `no answer: ${(err as Error).message}`;
    }
  }
}
