import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12.5. The knowledge base the first migration laid down becomes a feature: `keywords`
 * become the articles' tags, an article may have a public address (the help-centre page an agent
 * links to), archiving replaces deletion, and every use of an article in a conversation (a link
 * or an excerpt put into the reply box) is counted in `kb_article_uses`.
 */
export class KnowledgeBase1732601000000 implements MigrationInterface {
  name = 'KnowledgeBase1732601000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kb_articles RENAME COLUMN keywords TO tags`);
    await q.query(`ALTER TABLE kb_articles
      ADD COLUMN url text,
      ADD COLUMN updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      ADD COLUMN archived_at timestamptz,
      ADD CONSTRAINT kb_articles_locale_check CHECK (locale IN ('ru', 'en'))`);
    await q.query(`CREATE TABLE kb_article_uses (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE RESTRICT,
      conversation_id uuid REFERENCES conversations(id) ON DELETE RESTRICT,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('link', 'excerpt')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX kb_article_uses_article_idx ON kb_article_uses (article_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kb_article_uses`);
    await q.query(`ALTER TABLE kb_articles DROP CONSTRAINT kb_articles_locale_check,
      DROP COLUMN archived_at, DROP COLUMN updated_by, DROP COLUMN url`);
    await q.query(`ALTER TABLE kb_articles RENAME COLUMN tags TO keywords`);
  }
}
