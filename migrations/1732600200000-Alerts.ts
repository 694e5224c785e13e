import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerting (issue 14): rules (admin-configured; webhook URLs sealed with SecretBox, bound to the
 * rule id), every alert with its state, and every delivery attempt. The claim of a delivery is
 * one statement that moves the alert from `fired` to `sending` and inserts the attempt row, so
 * an attempt that started and never finished is visible (a worker died mid-send).
 * Alerts and attempts are a record: never deleted. Five rules are seeded (Russian, defaults), so
 * SLACK_WEBHOOK_URL alone makes the on-call channel hear about spikes, SLA and sources.
 */
export class Alerts1732600200000 implements MigrationInterface {
  name = 'Alerts1732600200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alert_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('negative_spike', 'term_surge', 'high_reach', 'sla', 'source_health')),
      enabled boolean NOT NULL DEFAULT true,
      source_id uuid REFERENCES sources(id) ON DELETE CASCADE,
      params jsonb NOT NULL DEFAULT '{}',
      language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
      time_zone text NOT NULL DEFAULT 'Europe/Moscow',
      quiet_hours jsonb,
      cooldown_minutes int NOT NULL DEFAULT 60 CHECK (cooldown_minutes >= 0),
      webhook_url_encrypted text,
      lead_webhook_url_encrypted text,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(
      `CREATE TYPE alert_state AS ENUM ('fired', 'sending', 'sent', 'logged', 'failed', 'unknown', 'resolved')`,
    );
    await q.query(`CREATE TABLE alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      rule_id uuid REFERENCES alert_rules(id) ON DELETE SET NULL,
      kind text NOT NULL,
      message_type text NOT NULL DEFAULT 'alert' CHECK (message_type IN ('alert', 'all_clear')),
      parent_id uuid REFERENCES alerts(id) ON DELETE RESTRICT,
      scope text NOT NULL,
      dedupe_key text NOT NULL,
      channel text NOT NULL DEFAULT 'main' CHECK (channel IN ('main', 'lead')),
      language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
      state alert_state NOT NULL DEFAULT 'fired',
      title text NOT NULL,
      details jsonb NOT NULL,
      clear jsonb,
      samples jsonb NOT NULL DEFAULT '[]',
      fired_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      attempts_base int NOT NULL DEFAULT 0,
      claimed_at timestamptz,
      sent_at timestamptz,
      last_error text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (rule_id, dedupe_key)
    )`);
    await q.query(`CREATE INDEX alerts_list_idx ON alerts (fired_at DESC, id DESC)`);
    // Open episodes of a rule (one alert per spike until its all-clear).
    await q.query(`CREATE INDEX alerts_open_idx ON alerts (rule_id, scope)
      WHERE message_type = 'alert' AND resolved_at IS NULL`);
    await q.query(
      `CREATE INDEX alerts_rule_resolved_idx ON alerts (rule_id, resolved_at) WHERE resolved_at IS NOT NULL`,
    );
    // The sweep's view: messages waiting or in flight.
    await q.query(
      `CREATE INDEX alerts_pending_idx ON alerts (next_attempt_at) WHERE state IN ('fired', 'sending')`,
    );

    await q.query(`CREATE TABLE alert_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      alert_id uuid NOT NULL REFERENCES alerts(id) ON DELETE RESTRICT,
      attempt int NOT NULL,
      channel text NOT NULL,
      worker text,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      outcome text CHECK (outcome IN ('sent', 'logged', 'retry', 'failed', 'unknown')),
      http_status int,
      error text,
      UNIQUE (alert_id, attempt)
    )`);

    await q.query(`CREATE TRIGGER alerts_never_deleted BEFORE DELETE ON alerts
      FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);
    await q.query(`CREATE TRIGGER alert_deliveries_never_deleted BEFORE DELETE ON alert_deliveries
      FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);

    await q.query(`INSERT INTO alert_rules (name, kind, params, cooldown_minutes) VALUES
      ('Всплески негатива', 'negative_spike', '{}', 60),
      ('Растущие жалобы', 'term_surge', '{}', 120),
      ('Негатив с большим охватом', 'high_reach', '{}', 0),
      ('Сроки ответа (SLA)', 'sla', '{}', 0),
      ('Здоровье источников', 'source_health', '{}', 30)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS alert_deliveries`);
    await q.query(`DROP TABLE IF EXISTS alerts`);
    await q.query(`DROP TYPE IF EXISTS alert_state`);
    await q.query(`DROP TABLE IF EXISTS alert_rules`);
  }
}
