/**
 * Off-page brand mentions ("vk_mentions"): polls `newsfeed.search` for `settings.keywords` with a
 * service or user token, from a `start_time` watermark. Replies go as a comment from the community
 * when a community token and groupId are configured.
 */
import {
  Connector,
  ConnectorError,
  FetchResult,
  NormalizedItem,
  OutgoingReply,
  SendResult,
  SourceContext,
} from '../connector';
import { ChainCall } from './client';
import { vkStreams } from './ids';
import { mentionItem } from './normalize';
import { sendVkReply } from './send';
import { readVkCredentials, readVkSettings, VK_API_ENDPOINTS } from './settings';
import { VkConnector } from './vk.connector';

const MAX_PAGES = 10;

export class VkMentionsConnector implements Connector {
  readonly platform = 'vk_mentions';
  readonly displayName = 'VK';
  readonly apiEndpoints = VK_API_ENDPOINTS;
  /** Replies are wall comments with a `guid` derived from the reply id, which VK dedupes. */
  readonly idempotentSends = true;

  constructor(private readonly vk = new VkConnector()) {}

  private readerOf(source: SourceContext) {
    const settings = readVkSettings(source, false);
    const creds = readVkCredentials(source);
    const token = creds.serviceToken ?? creds.userToken;
    if (!token)
      throw new ConnectorError('configuration', 'VK mentions need a service or user token (newsfeed.search)');
    if (settings.keywords.length === 0)
      throw new ConnectorError('configuration', 'VK mentions need settings.keywords');
    return { settings, reader: this.vk.client(settings, token, creds.serviceToken ? 'service' : 'user') };
  }

  async verify(source: SourceContext): Promise<{ accountName: string }> {
    const { settings, reader } = this.readerOf(source);
    await reader.call('newsfeed.search', { q: settings.keywords[0], count: 1 });
    return { accountName: `VK mentions: ${settings.keywords.join(', ')}` };
  }

  async fetch(source: SourceContext): Promise<FetchResult> {
    const { settings, reader } = this.readerOf(source);
    const stored = Number(source.cursors?.[vkStreams.mentions] ?? 0);
    // Inclusive start_time: posts in the same second as the watermark are re-read and deduped by key.
    const startTime = stored || Math.floor(Date.now() / 1000) - settings.backfillDays * 86400;
    const items = new Map<string, NormalizedItem>();
    let newest = stored;
    let pending: Array<{ q: string; from?: string }> = settings.keywords.map((q) => ({ q }));
    let hasMore = false;
    for (let page = 0; pending.length > 0; page++) {
      if (page >= MAX_PAGES) {
        hasMore = true;
        break;
      }
      const calls: ChainCall[] = pending.map((p) => ({
        method: 'newsfeed.search',
        params: { q: p.q, count: 200, start_time: startTime, ...(p.from ? { start_from: p.from } : {}) },
      }));
      const results = await reader.chain<{ items: Array<Record<string, any>>; next_from?: string }>(calls);
      const next: typeof pending = [];
      results.forEach((r, i) => {
        if (!r.ok) throw r.error;
        for (const post of r.value.items) {
          if (settings.groupId && Number(post.owner_id) === -settings.groupId) continue; // our own wall: the vk source has it
          const item = mentionItem(post);
          items.set(item.externalId, item);
          newest = Math.max(newest, Number(post.date));
        }
        if (r.value.next_from) next.push({ q: pending[i].q, from: r.value.next_from });
      });
      pending = next;
    }
    // While pages remain the watermark stays put, so the next fetch resumes from the same start_time.
    const cursors = hasMore || newest === stored ? {} : { [vkStreams.mentions]: newest };
    const result = { items: [...items.values()], cursors, ...(hasMore ? { hasMore } : {}) };
    // Search results carry only from_id: names come from the same cache as the vk source's.
    return (await this.vk.namesFor(source, settings)?.enrichBatch(result)) ?? result;
  }

  async send(source: SourceContext, reply: OutgoingReply): Promise<SendResult> {
    const settings = readVkSettings(source, false);
    const creds = readVkCredentials(source);
    if (!settings.groupId || !creds.groupToken) {
      throw new ConnectorError(
        'unsupported',
        'Replying to mentions needs settings.groupId and a community token',
      );
    }
    return sendVkReply(
      { groupId: settings.groupId, group: this.vk.client(settings, creds.groupToken, 'group'), user: null },
      reply,
    );
  }

  close(): Promise<void> {
    return this.vk.close();
  }
}

export const vkMentionsConnector = new VkMentionsConnector();
