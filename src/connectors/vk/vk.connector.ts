/**
 * The VK community connector ("vk"): Bots Long Poll (or the Callback API) as the fast path,
 * reconciliation through the API from stored watermarks, replies as the community exactly once.
 *
 * Credentials: `groupToken` (community: Long Poll, DMs, replies), `serviceToken` or `userToken`
 * (walls and boards: community tokens can't read them), `userToken` of a community administrator
 * (answers to photo, video, product and board comments, and reading photo, video and product
 * comments), optional `callbackSecret`/`callbackConfirmation`
 * (the Callback API route refuses every event unless `callbackSecret` is set).
 * Settings: see VkSettings (groupId is required).
 */
import { createHash } from 'node:crypto';
import {
  Connector,
  ConnectorError,
  Emit,
  FetchResult,
  OutgoingReply,
  PostContent,
  SendResult,
  SourceContext,
  WebhookOutcome,
  WebhookRequest,
} from '../connector';
import { handleVkCallback } from './callback';
import { parseVkId } from './ids';
import { VkClient } from './client';
import { ReceiveHooks, runLongPoll } from './longpoll';
import { VkNames } from './names';
import { reconcileVk } from './reconcile';
import { sendVkReply } from './send';
import { readVkCredentials, readVkSettings, VK_API_ENDPOINTS, VkSettings } from './settings';

export type VkTokenRole = 'group' | 'user' | 'service';

export class VkConnector implements Connector {
  readonly platform: string = 'vk';
  readonly displayName = 'VK';
  readonly apiEndpoints = VK_API_ENDPOINTS;
  /** VK dedupes `guid` / `random_id` (derived from the reply id), so a crashed send may be retried. */
  readonly idempotentSends = true;
  private readonly clients = new Map<string, VkClient>();
  /** Author-name caches, one per API client (so lookups share that token's rate limit). */
  private readonly names = new Map<VkClient, VkNames>();

  /** One vk-io client per token (its rate limit is per token), kept for the connector's life. */
  client(settings: VkSettings, token: string, role: VkTokenRole): VkClient {
    const key = createHash('sha256').update(`${role}\0${settings.apiBaseUrl}\0${token}`).digest('hex');
    let client = this.clients.get(key);
    if (!client) {
      client = new VkClient({ ...clientOptions(settings, role), token });
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * Callback API: VK POSTs one event with the source's secret; the confirmation request gets the
   * confirmation code, every accepted event the text `ok` (VK retries anything else).
   */
  webhook(source: SourceContext, request: WebhookRequest): WebhookOutcome {
    const r = handleVkCallback(request.body, {
      secret: source.credentials.callbackSecret,
      confirmation: source.credentials.callbackConfirmation,
      groupId: Number(source.settings.groupId) || undefined,
      includeBrand: source.settings.includeBrand === true,
    });
    const answer = { status: r.status, body: r.body };
    if (r.status !== 200) return { accepted: false, answer };
    return { accepted: true, batch: { items: r.items, cursors: {} }, answer: () => answer };
  }

  async verify(source: SourceContext): Promise<{ accountName: string }> {
    const settings = readVkSettings(source);
    const creds = readVkCredentials(source);
    if (!creds.groupToken && !creds.serviceToken && !creds.userToken) {
      throw new ConnectorError(
        'configuration',
        'VK source needs a community token (and a service or user token to read walls)',
      );
    }
    let accountName = `club${settings.groupId}`;
    if (creds.groupToken) {
      const res = await this.client(settings, creds.groupToken, 'group').call<{
        groups: Array<{ id: number; name: string }>;
      }>('groups.getById', {});
      const group = res.groups?.[0];
      if (!group || group.id !== settings.groupId) {
        throw new ConnectorError(
          'configuration',
          `The community token belongs to community ${group?.id}, not ${settings.groupId}`,
        );
      }
      accountName = group.name;
    }
    const reader = this.reader(source, settings);
    if (reader) {
      // Proves the token can read walls (a community token here answers 27 → configuration).
      await reader.call('wall.get', { owner_id: -settings.groupId, count: 1 });
      if (creds.userToken && !creds.serviceToken) await reader.call('users.get', {});
      if (!creds.groupToken) {
        const res = await reader.call<{ groups: Array<{ name: string }> }>('groups.getById', {
          group_id: settings.groupId,
        });
        accountName = res.groups?.[0]?.name ?? accountName;
      }
    }
    return { accountName };
  }

  /** Backfill and reconciliation: walls, boards (service/user token) and DMs (community token). */
  async fetch(source: SourceContext): Promise<FetchResult> {
    const settings = readVkSettings(source);
    const creds = readVkCredentials(source);
    const result = await reconcileVk({
      settings,
      cursors: source.cursors ?? {},
      reader: this.reader(source, settings),
      group: creds.groupToken ? this.client(settings, creds.groupToken, 'group') : null,
      media: creds.userToken ? this.client(settings, creds.userToken, 'user') : null,
    });
    return (await this.namesFor(source, settings)?.enrichBatch(result)) ?? result;
  }

  /**
   * Bots Long Poll with the community token. `hooks` is an optional extension of the contract:
   * background failures and reconciliation batches are reported there.
   */
  async receive(source: SourceContext, emit: Emit, hooks?: ReceiveHooks): Promise<() => Promise<void>> {
    const settings = readVkSettings(source);
    const creds = readVkCredentials(source);
    if (!creds.groupToken)
      throw new ConnectorError('configuration', 'Bots Long Poll needs a community token');
    // Events carry only from_id: names are added before a batch reaches ingest.
    const names = this.namesFor(source, settings);
    const named: Emit = names ? async (batch) => emit(await names.enrichBatch(batch)) : emit;
    // A dedicated client: vk-io's polling transport is per VK instance.
    const client = new VkClient({
      ...clientOptions(settings, 'group'),
      token: creds.groupToken,
      pollingGroupId: settings.groupId,
      pollingWaitMs: settings.pollingWaitMs,
    });
    try {
      const stop = await runLongPoll({
        client,
        ctx: { groupId: settings.groupId, includeBrand: settings.includeBrand },
        emit: named,
        fetch: (cursors) => this.fetch({ ...source, cursors }),
        cursors: source.cursors ?? {},
        reconcileIntervalMs: settings.reconcileIntervalMs,
        startDeadlineMs: settings.callDeadlineMs,
        hooks,
      });
      return async () => {
        await stop();
        await client.close();
      };
    } catch (err) {
      await client.close();
      throw err;
    }
  }

  async send(source: SourceContext, reply: OutgoingReply): Promise<SendResult> {
    const settings = readVkSettings(source);
    const creds = readVkCredentials(source);
    return sendVkReply(
      {
        groupId: settings.groupId,
        group: creds.groupToken ? this.client(settings, creds.groupToken, 'group') : null,
        user: creds.userToken ? this.client(settings, creds.userToken, 'user') : null,
      },
      reply,
    );
  }

  /** The community's wall post a comment thread answers (wall.getById; service or user token). */
  async fetchPost(source: SourceContext, postExternalId: string): Promise<PostContent | null> {
    const id = parseVkId(postExternalId);
    if (id.type !== 'wall_post') return null;
    const settings = readVkSettings(source);
    const reader = this.reader(source, settings);
    if (!reader) return null;
    const res = await reader.call<
      { items?: { text?: string; date?: number }[] } | { text?: string; date?: number }[]
    >('wall.getById', { posts: `${id.ownerId}_${id.postId}` });
    const post = Array.isArray(res) ? res[0] : res?.items?.[0];
    if (!post) return null;
    return { text: String(post.text ?? ''), postedAt: post.date ? new Date(post.date * 1000) : null };
  }

  /** API calls issued so far by all clients (execute counts once). */
  apiCalls(): number {
    return [...this.clients.values()].reduce((sum, c) => sum + c.calls, 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
    this.clients.clear();
    this.names.clear();
  }

  /** The name cache of the client that resolves names: the community token's, else the reader's. */
  namesFor(source: SourceContext, settings: VkSettings): VkNames | null {
    const creds = readVkCredentials(source);
    const client = creds.groupToken
      ? this.client(settings, creds.groupToken, 'group')
      : this.reader(source, settings);
    if (!client) return null;
    let names = this.names.get(client);
    if (!names) this.names.set(client, (names = new VkNames(client)));
    return names;
  }

  /** Walls and boards need a service or user token; a community token is used as a last resort (VK answers 27). */
  protected reader(source: SourceContext, settings: VkSettings): VkClient | null {
    const creds = readVkCredentials(source);
    if (creds.serviceToken) return this.client(settings, creds.serviceToken, 'service');
    if (creds.userToken) return this.client(settings, creds.userToken, 'user');
    if (creds.groupToken) return this.client(settings, creds.groupToken, 'group');
    return null;
  }
}

export function clientOptions(settings: VkSettings, role: VkTokenRole) {
  return {
    apiBaseUrl: settings.apiBaseUrl,
    apiLimit: role === 'group' ? 20 : role === 'user' ? 3 : settings.serviceApiLimit,
    apiTimeoutMs: settings.apiTimeoutMs,
    apiWaitMs: settings.apiWaitMs,
    apiRetryLimit: settings.apiRetryLimit,
    deadlineMs: settings.callDeadlineMs,
  };
}

export const vkConnector = new VkConnector();
