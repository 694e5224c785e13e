/**
 * YouTube comments ("youtube"), through the YouTube Data API v3: polling a channel's comment
 * threads (poll.ts), answering as the channel with `comments.insert`, OAuth 2 with the channel
 * owner's refresh token (sealed with the other credentials), and the daily quota counted per
 * source (quota.ts): polling spends at most `readShare` of it, spread over the day; what is left
 * is kept for replies (50 units each); the remaining quota shows in the source's health.
 *
 * Credentials: `clientId`, `clientSecret` (the Google Cloud OAuth client), `refreshToken`
 * (youtube.force-ssl scope). Settings: see YouTubeSettings (`channelId` is required).
 *
 * A reply has no idempotency key on YouTube: a timeout, a reset or a 5xx after the request went
 * out is `unknown_outcome` for a person to decide, never resent (as for Telegram).
 */
import {
  Connector,
  ConnectorError,
  FetchResult,
  OutgoingReply,
  QuotaUsage,
  QuotaView,
  SendResult,
  SourceContext,
} from '../connector';
import { TokenCache, YouTubeClient } from './client';
import { parseYouTubeKey, topLevelIdOf, ytIds } from './normalize';
import { pollChannel } from './poll';
import { COSTS, quotaResetAt, quotaView, usedToday } from './quota';
import { readYouTubeCredentials, readYouTubeSettings, YOUTUBE_API_ENDPOINTS } from './settings';

export interface YouTubeConnectorOptions {
  /** The clock (tests cross a quota day with it). */
  now?: () => number;
}

export class YouTubeConnector implements Connector {
  readonly platform = 'youtube';
  readonly displayName = 'YouTube';
  readonly apiEndpoints = YOUTUBE_API_ENDPOINTS;
  /** comments.insert has no idempotency key: a send whose answer was lost is `unknown`. */
  readonly idempotentSends = false;
  private readonly tokens = new TokenCache();
  private readonly now: () => number;
  /** Quota units spent by this connector's calls (benchmarks). */
  units = 0;
  calls = 0;

  constructor(options: YouTubeConnectorOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async verify(source: SourceContext): Promise<{ accountName: string }> {
    const settings = readYouTubeSettings(source);
    // A fresh token proves the client and the refresh token, not one cached from before.
    await this.tokens.get(settings, readYouTubeCredentials(source), this.now, true);
    const res = await this.client(source).call<{
      items?: Array<{ id: string; snippet?: { title?: string } }>;
    }>({
      method: 'GET',
      resource: 'channels',
      name: 'channels.list',
      query: { part: 'snippet', mine: 'true' },
    });
    const channel = res.items?.[0];
    if (!channel)
      throw new ConnectorError('configuration', 'The refresh token belongs to no YouTube channel');
    if (!settings.channelId)
      throw new ConnectorError(
        'configuration',
        `settings.channelId is required (this token's channel is ${channel.id})`,
      );
    if (channel.id !== settings.channelId)
      throw new ConnectorError(
        'configuration',
        `The refresh token belongs to channel ${channel.id}, not ${settings.channelId}: replies would come from the wrong channel`,
      );
    return { accountName: channel.snippet?.title ?? channel.id };
  }

  async fetch(source: SourceContext): Promise<FetchResult> {
    const settings = readYouTubeSettings(source);
    if (!settings.channelId) throw new ConnectorError('configuration', 'settings.channelId is required');
    const now = new Date(this.now());
    return pollChannel({
      client: this.client(source),
      settings,
      cursors: source.cursors ?? {},
      now,
      usedToday: usedToday((await source.quota?.read()) ?? null, now),
    });
  }

  /** A reply under the thread of the comment answered (YouTube threads are one level deep). */
  async send(source: SourceContext, reply: OutgoingReply): Promise<SendResult> {
    const settings = readYouTubeSettings(source);
    const commentId = parseYouTubeKey(reply.inReplyTo.externalId);
    if (!commentId)
      throw new ConnectorError('unsupported', `not a YouTube comment: ${reply.inReplyTo.externalId}`);
    const raw = (reply.inReplyTo.raw ?? {}) as { snippet?: { parentId?: string } };
    const parentId = raw.snippet?.parentId ?? topLevelIdOf(commentId);
    const now = new Date(this.now());
    // Nothing is sent without the quota for it: the reply waits for the reset instead.
    const used = usedToday((await source.quota?.read()) ?? null, now);
    if (used + COSTS.insert > settings.dailyQuota)
      throw new ConnectorError(
        'rate_limited',
        'the YouTube quota for today is spent; the reply goes out after it resets at midnight Pacific time',
        Math.max(1000, quotaResetAt(now).getTime() - now.getTime()),
      );
    try {
      const created = await this.client(source).call<{ id: string }>({
        method: 'POST',
        resource: 'comments',
        name: 'comments.insert',
        query: { part: 'snippet' },
        body: { snippet: { parentId, textOriginal: reply.text } },
        write: true,
      });
      return { platformMessageId: ytIds.comment(String(created.id)) };
    } catch (err) {
      throw explainRefusal(err);
    }
  }

  quotaView(settings: Record<string, any>, usage: QuotaUsage | null, now: Date): QuotaView {
    const s = readYouTubeSettings({ id: '', platform: 'youtube', settings, credentials: {}, cursors: {} });
    return quotaView(s.dailyQuota, s.readShare, usage, now);
  }

  close(): void {
    this.tokens.clear();
  }

  private client(source: SourceContext): YouTubeClient {
    const client = new YouTubeClient(
      readYouTubeSettings(source),
      readYouTubeCredentials(source),
      this.tokens,
      source.quota,
      this.now,
    );
    const call = client.call.bind(client);
    client.call = async (opts) => {
      this.calls += 1;
      this.units += opts.write ? COSTS.insert : COSTS.list;
      return call(opts);
    };
    return client;
  }
}

/** YouTube's refusals of one reply, in words an agent can act on. */
function explainRefusal(err: unknown): unknown {
  if (!(err instanceof ConnectorError) || err.code !== 'rejected') return err;
  const reason = (err.cause as { reason?: string } | undefined)?.reason;
  if (reason === 'commentNotFound' || reason === 'parentCommentNotFound')
    return new ConnectorError('rejected', 'the comment no longer exists on YouTube (its author deleted it)');
  if (reason === 'forbidden')
    return new ConnectorError(
      'rejected',
      'YouTube refused the reply: the comment is held for review — approve it in YouTube Studio, then resend',
    );
  return err;
}
