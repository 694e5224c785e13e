/**
 * The chaos run's accounting, from the two places that know the truth: what the emulators hold
 * (customer items they have, replies they posted — their outboxes) and what Otklik stored.
 * Items are counted by (source, external id) and by the text tag each injected item carries;
 * replies by the tag in their text, wherever it was posted.
 */
import type { Pool } from 'pg';
import { GROUP_ID, type EmulatorProcess } from './emulators';
import { ITEM_TAG, REPLY_TAG, type Injected, type ReplyRequest } from './load';

export interface ItemFigures {
  injected: number;
  /** Customer items the emulators hold at the end (should equal injected). */
  held: number;
  /** Distinct (source, external id) of inbound items Otklik stored. */
  stored: number;
  /** Held by an emulator, not stored by Otklik. */
  lost: number;
  /** Stored more than once: a (source, external id) or an item tag on more than one row. */
  duplicated: number;
  /** Stored inbound items no emulator holds (should be 0). */
  unexpected: number;
  byKind: Record<string, { injected: number; stored: number; lost: number }>;
  lostSamples: string[];
  duplicatedSamples: string[];
}

export interface ReplyFigures {
  /** Replies the run asked for (one per chosen item). */
  requested: number;
  /** Accepted by the API (202, a reply id). */
  accepted: number;
  /** Not requested because the item they answer was never stored. */
  itemNeverStored: number;
  /** Refused by the API (4xx) or no answer. */
  rejected: number;
  rejectedSamples: string[];
  delivered: number;
  unknown: number;
  /** `unknown` replies that are in fact in an emulator's outbox (posted; a person would mark them). */
  unknownPosted: number;
  failed: number;
  failedReasons: Record<string, number>;
  /** Still queued or sending at the end. */
  pending: number;
  /** The same reply posted more than once (its tag in more than one outbox entry). */
  sentTwice: number;
  sentTwiceSamples: string[];
  /** Marked delivered but in no outbox (a false "delivered"). */
  deliveredNotPosted: number;
  /** Posted but marked failed (a false "failed": the customer got it, the agent thinks not). */
  failedButPosted: number;
  byPlatform: Record<string, { accepted: number; delivered: number; unknown: number; failed: number }>;
}

export async function tallyItems(db: Pool, emu: EmulatorProcess, injected: Injected[]): Promise<ItemFigures> {
  const held = await heldItems(emu);
  const { rows } = await db.query<{ source_id: string; external_id: string; text: string; n: number }>(
    `SELECT source_id::text, external_id, min(text) AS text, count(*)::int AS n
       FROM items WHERE direction = 'inbound' GROUP BY 1, 2`,
  );
  const storedKeys = new Map<string, number>();
  const tagRows = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${r.source_id}|${r.external_id}`;
    storedKeys.set(key, r.n);
    const tag = ITEM_TAG.exec(r.text)?.[1];
    if (tag) tagRows.set(tag, [...(tagRows.get(tag) ?? []), key]);
  }
  const byKind: ItemFigures['byKind'] = {};
  const heldKeys = new Set<string>();
  const lost: string[] = [];
  for (const i of injected) {
    const key = `${i.sourceId}|${i.externalId}`;
    const k = (byKind[i.kind] ??= { injected: 0, stored: 0, lost: 0 });
    k.injected++;
    if (storedKeys.has(key)) k.stored++;
  }
  const sourceOf = new Map(injected.map((i) => [i.externalId, i.sourceId]));
  for (const h of held) {
    const sourceId = sourceOf.get(h.externalId) ?? h.fallbackSource(injected);
    const key = `${sourceId}|${h.externalId}`;
    heldKeys.add(key);
    if (!storedKeys.has(key)) {
      lost.push(`${h.kind} ${h.externalId} ${h.tag ?? ''}`.trim());
      const k = (byKind[h.kind] ??= { injected: 0, stored: 0, lost: 0 });
      k.lost++;
    }
  }
  const duplicated: string[] = [];
  for (const [key, n] of storedKeys) if (n > 1) duplicated.push(`${key} ×${n}`);
  for (const [tag, keys] of tagRows)
    if (keys.length > 1) duplicated.push(`#i${tag} under ${keys.join(', ')}`);
  const unexpected = [...storedKeys.keys()].filter((k) => !heldKeys.has(k)).length;
  return {
    injected: injected.length,
    held: held.length,
    stored: storedKeys.size,
    lost: lost.length,
    duplicated: duplicated.length,
    unexpected,
    byKind,
    lostSamples: lost.slice(0, 20),
    duplicatedSamples: duplicated.slice(0, 20),
  };
}

interface HeldItem {
  kind: string;
  externalId: string;
  tag?: string;
  /** For items the run did not inject itself (none expected): guess the source by platform. */
  fallbackSource(injected: Injected[]): string;
}

/** Customer items as the emulators hold them (not the community's or the bot's own posts). */
async function heldItems(emu: EmulatorProcess): Promise<HeldItem[]> {
  const out: HeldItem[] = [];
  const vk = await emu.vkControl('GET', 'state');
  const tg = await emu.tgControl('GET', 'state');
  const bySource = (kinds: string[]) => (injected: Injected[]) =>
    injected.find((i) => kinds.includes(i.kind))?.sourceId ?? 'unknown';
  for (const c of vk.comments as Array<{
    id: number;
    owner_id: number;
    post_id: number;
    from_id: number;
    text: string;
  }>) {
    if (c.from_id <= 0) continue;
    out.push({
      kind: 'vk_comment',
      externalId: `wall_comment:${c.owner_id}_${c.post_id}_${c.id}`,
      tag: ITEM_TAG.exec(c.text)?.[0],
      fallbackSource: bySource(['vk_comment', 'vk_message']),
    });
  }
  for (const conv of vk.conversations as Array<{
    groupId: number;
    messages: Array<{ id: number; from_id: number; out: number; text: string }>;
  }>) {
    if (conv.groupId !== GROUP_ID) continue;
    for (const m of conv.messages) {
      if (m.out) continue;
      out.push({
        kind: 'vk_message',
        externalId: `message:${m.from_id}_${m.id}`,
        tag: ITEM_TAG.exec(m.text)?.[0],
        fallbackSource: bySource(['vk_message', 'vk_comment']),
      });
    }
  }
  for (const chat of tg.chats as Array<{
    id: number;
    type: string;
    messages: Array<{ message_id: number; from?: { is_bot: boolean }; text?: string }>;
  }>) {
    for (const m of chat.messages) {
      if (!m.from || m.from.is_bot) continue;
      out.push({
        kind: chat.type === 'private' ? 'tg_private' : 'tg_group',
        externalId: `${chat.id}:${m.message_id}`,
        tag: ITEM_TAG.exec(m.text ?? '')?.[0],
        fallbackSource: bySource(['tg_private', 'tg_group']),
      });
    }
  }
  return out;
}

export async function tallyReplies(
  db: Pool,
  emu: EmulatorProcess,
  requests: ReplyRequest[],
): Promise<ReplyFigures> {
  const posted = new Map<number, number>();
  const count = (text: unknown) => {
    const k = REPLY_TAG.exec(String(text ?? ''))?.[1];
    if (k !== undefined) posted.set(Number(k), (posted.get(Number(k)) ?? 0) + 1);
  };
  for (const o of (await emu.vkControl('GET', 'outbox')) as Array<{
    method: string;
    params: { message?: string };
  }>) {
    if (o.method === 'wall.createComment' || o.method === 'messages.send') count(o.params.message);
  }
  for (const o of (await emu.tgControl('GET', 'outbox')) as Array<{ text?: string }>) count(o.text);

  const accepted = requests.filter((r) => r.replyId);
  const { rows } = await db.query<{
    id: string;
    status: string;
    last_error: string | null;
    platform: string;
  }>(
    `SELECT r.id::text, r.status, r.last_error, s.platform
       FROM replies r JOIN sources s ON s.id = r.source_id WHERE r.id = ANY($1::uuid[])`,
    [accepted.map((r) => r.replyId)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const f: ReplyFigures = {
    requested: requests.length,
    accepted: accepted.length,
    itemNeverStored: requests.filter((r) => !r.replyId && !r.rejected).length,
    rejected: requests.filter((r) => r.rejected).length,
    rejectedSamples: requests
      .filter((r) => r.rejected)
      .slice(0, 10)
      .map((r) => `[r${r.k}] ${r.rejected}`),
    delivered: 0,
    unknown: 0,
    unknownPosted: 0,
    failed: 0,
    failedReasons: {},
    pending: 0,
    sentTwice: 0,
    sentTwiceSamples: [],
    deliveredNotPosted: 0,
    failedButPosted: 0,
    byPlatform: {},
  };
  for (const r of accepted) {
    const row = byId.get(r.replyId!);
    const times = posted.get(r.k) ?? 0;
    if (times > 1) {
      f.sentTwice++;
      if (f.sentTwiceSamples.length < 20)
        f.sentTwiceSamples.push(`[r${r.k}] reply ${r.replyId} posted ${times}×`);
    }
    if (!row) {
      f.pending++; // accepted but not found: counted as not settled
      continue;
    }
    const p = (f.byPlatform[row.platform] ??= { accepted: 0, delivered: 0, unknown: 0, failed: 0 });
    p.accepted++;
    if (row.status === 'delivered') {
      f.delivered++;
      p.delivered++;
      if (!times) f.deliveredNotPosted++;
    } else if (row.status === 'unknown') {
      f.unknown++;
      p.unknown++;
      if (times) f.unknownPosted++;
    } else if (row.status === 'failed') {
      f.failed++;
      p.failed++;
      if (times) f.failedButPosted++;
      const reason = (row.last_error ?? 'no reason').replace(/\d+/g, 'N').slice(0, 120);
      f.failedReasons[reason] = (f.failedReasons[reason] ?? 0) + 1;
    } else f.pending++;
  }
  return f;
}
