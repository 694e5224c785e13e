import { Injectable, Logger } from '@nestjs/common';
import { itemUrl } from '../connectors/item-url';
import { postOf } from '../connectors/post-of';
import { ConnectorRegistry } from '../connectors/registry';
import { storableString } from '../common/storable-text';
import { SourcesService } from '../sources/sources.service';
import { PostContextsRepository } from './post-contexts.repository';

export interface PostContext {
  externalId: string;
  text: string;
  postedAt: Date | null;
  url: string | null;
}

/** How long the view waits for the platform before showing the comments without their post. */
const FETCH_DEADLINE_MS = 3_000;
/** A post the platform could not give is asked for again only after this long. */
const RETRY_AFTER_MS = 5 * 60_000;

/**
 * The post a conversation's comments answer. Read from what is kept (post_contexts, or the post
 * itself when ingest stored it as an item); otherwise fetched once through the connector
 * (`fetchPost`) and kept, so later views never call the platform.
 */
@Injectable()
export class PostContextService {
  private readonly log = new Logger(PostContextService.name);
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly posts: PostContextsRepository,
    private readonly sources: SourcesService,
    private readonly connectors: ConnectorRegistry,
  ) {}

  async of(
    conversation: { sourceId: string; platform: string },
    items: readonly { kind: string; threadExternalId: string | null }[],
  ): Promise<PostContext | null> {
    let externalId: string | null = null;
    for (const i of items) {
      if (!i.threadExternalId) continue;
      externalId = postOf({
        platform: conversation.platform,
        kind: i.kind,
        threadExternalId: i.threadExternalId,
      });
      if (externalId) break;
    }
    if (!externalId) return null;
    const link = (chatUsername: string | null) =>
      itemUrl({ platform: conversation.platform, externalId: externalId!, chatUsername });
    const kept = await this.posts.find(conversation.sourceId, externalId);
    if (kept) return { externalId, text: kept.text, postedAt: kept.postedAt, url: link(kept.chatUsername) };
    return this.fetchOnce(conversation.sourceId, conversation.platform, externalId, link(null));
  }

  private async fetchOnce(sourceId: string, platform: string, externalId: string, url: string | null) {
    const key = `${sourceId}/${externalId}`;
    const failed = this.failedAt.get(key);
    if (failed !== undefined && Date.now() - failed < RETRY_AFTER_MS) return null;
    const connector = this.connectors.find(platform);
    if (!connector?.fetchPost) return null;
    try {
      const source = await this.sources.context(sourceId);
      let timer: NodeJS.Timeout | undefined;
      const post = await Promise.race([
        connector.fetchPost(source, externalId),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FETCH_DEADLINE_MS))),
      ]).finally(() => clearTimeout(timer));
      if (!post) {
        this.failedAt.set(key, Date.now());
        return null;
      }
      const text = storableString(post.text).value;
      await this.posts.keep(sourceId, externalId, { text, postedAt: post.postedAt, url });
      this.failedAt.delete(key);
      return { externalId, text, postedAt: post.postedAt, url };
    } catch (err) {
      this.failedAt.set(key, Date.now());
      if (this.failedAt.size > 10_000) this.failedAt.clear();
      // the code only: a platform's error text is not shown or logged verbatim
      this.log.warn(
        `post ${externalId} of source ${sourceId}: not fetched (${(err as { code?: string }).code ?? 'error'})`,
      );
      return null;
    }
  }
}
