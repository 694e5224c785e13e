import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12.6, auto-acknowledgement. Rules per source and intent (`auto_ack_rules`, most specific
 * wins like SLA policies): when a direct message arrives outside business hours or the expected
 * wait is long, the customer gets one message saying when we will answer. It is an ordinary
 * reply in the outbox marked `auto_ack` (exactly once: its idempotency key is the customer
 * item's), and it is never an answer: delivery leaves the SLA clock running, its outbound item
 * carries `raw.autoAck`, and the reports' SLA cycles skip it as a response (the one rollup
 * function that looks for our first message since a clock started is patched here).
 */
export class AutoAck1732601020000 implements MigrationInterface {
  name = 'AutoAck1732601020000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE replies ADD COLUMN auto_ack boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE auto_ack_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source_id uuid REFERENCES sources(id) ON DELETE CASCADE,
      intent text,
      enabled boolean NOT NULL DEFAULT true,
      outside_hours boolean NOT NULL DEFAULT true,
      wait_over_minutes int CHECK (wait_over_minutes > 0),
      public_comments boolean NOT NULL DEFAULT false,
      template_ru text NOT NULL CHECK (length(template_ru) > 0),
      template_en text NOT NULL CHECK (length(template_en) > 0),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX auto_ack_rules_scope_uq ON auto_ack_rules
      (COALESCE(source_id, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE(intent, '*'))`);
    await this.patchReports(q, `i.direction = 'outbound'`, `i.direction = 'outbound' AND ${NOT_ACK}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await this.patchReports(q, `i.direction = 'outbound' AND ${NOT_ACK}`, `i.direction = 'outbound'`);
    await q.query(`DROP TABLE auto_ack_rules`);
    await q.query(`ALTER TABLE replies DROP COLUMN auto_ack`);
  }

  /** Rewrites the rollup trigger function's "our first message since the clock started". */
  private async patchReports(q: QueryRunner, from: string, to: string): Promise<void> {
    const [row] = await q.query(
      `SELECT pg_get_functiondef('report_conversations_updated()'::regprocedure) AS def`,
    );
    const def: string = row.def;
    if (!def.includes(from)) throw new Error('report_conversations_updated() is not the expected shape');
    await q.query(def.split(from).join(to));
  }
}

const NOT_ACK = `NOT COALESCE((i.raw->>'autoAck')::boolean, false)`;
