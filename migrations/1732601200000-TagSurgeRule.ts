import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tag surge alerts (issue 14): alert rules may be of kind `tag_surge` (tags put on many more
 * conversations than usual, counted by `conversation_tags.created_at`); one such rule is seeded,
 * like the other kinds, for every tag (its params may name some).
 */
export class TagSurgeRule1732601200000 implements MigrationInterface {
  name = 'TagSurgeRule1732601200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_rules DROP CONSTRAINT IF EXISTS alert_rules_kind_check`);
    await q.query(`ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_kind_check
      CHECK (kind IN ('negative_spike', 'term_surge', 'tag_surge', 'high_reach', 'sla', 'source_health'))`);
    await q.query(`INSERT INTO alert_rules (name, kind, params, cooldown_minutes)
      VALUES ('Рост тегов', 'tag_surge', '{}', 120)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM alert_rules WHERE kind = 'tag_surge'
      AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.rule_id = alert_rules.id)`);
    await q.query(`ALTER TABLE alert_rules DROP CONSTRAINT IF EXISTS alert_rules_kind_check`);
    await q.query(`ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_kind_check
      CHECK (kind IN ('negative_spike', 'term_surge', 'high_reach', 'sla', 'source_health'))`);
  }
}
