import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlOne } from '../database/sql';

export interface StoredPost {
  text: string;
  postedAt: Date | null;
  chatUsername: string | null;
}

/** `post_contexts`: the posts comments answer, kept once fetched. */
@Injectable()
export class PostContextsRepository {
  constructor(private readonly db: DataSource) {}

  /** A kept post, or the post itself when it is an item of the source (a Telegram channel post). */
  find(sourceId: string, externalId: string): Promise<StoredPost | undefined> {
    return sqlOne<StoredPost>(
      this.db,
      `SELECT text, posted_at AS "postedAt", NULL AS "chatUsername" FROM post_contexts
        WHERE source_id = $1 AND external_id = $2
       UNION ALL
       (SELECT text, created_at_platform, COALESCE(raw->'chat'->>'username', raw->'sender_chat'->>'username')
          FROM items WHERE source_id = $1 AND external_id = $2 LIMIT 1)
       LIMIT 1`,
      [sourceId, externalId],
    );
  }

  async keep(
    sourceId: string,
    externalId: string,
    post: { text: string; postedAt: Date | null; url: string | null },
  ) {
    await this.db.query(
      `INSERT INTO post_contexts (source_id, external_id, text, posted_at, url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (source_id, external_id) DO NOTHING`,
      [sourceId, externalId, post.text, post.postedAt, post.url],
    );
  }
}
