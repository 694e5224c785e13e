import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 (points 1-3): capacity and auto-assignment, presence, escalations.
 *
 * - agent_status: each agent's state (online / away / offline, set by the agent), language skills
 *   and when a browser of theirs was last connected to the live stream (`seen_at`: a worker puts
 *   agents whose browser is gone offline). Capacity is users.max_open_conversations (default 6).
 * - team_assignment: per team, whether new conversations are handed out automatically and after
 *   how many minutes without an agent action an assigned open conversation goes back to the queue.
 * - conversations.assigned_at / agent_action_at: when it was given to its holder and the holder's
 *   last action on it (reply, note, status); the idle return reads them.
 * - sla_policies.reassign_on_breach: a breach takes the conversation from its holder and hands it
 *   to another agent.
 * - notifications: in-app notifications per person (80 % warnings, breaches), read or not.
 *   Exactly once per person and SLA event (unique dedupe key).
 * - conversation_presence: who is viewing or typing in which conversation, a few seconds ahead
 *   (`until`); UNLOGGED: it is ephemeral by nature, and a crash loses only who is looking.
 */
export class ShareTheLoad1732600900000 implements MigrationInterface {
  name = 'ShareTheLoad1732600900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE agent_status (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      state text NOT NULL DEFAULT 'offline' CHECK (state IN ('online', 'away', 'offline')),
      languages text[] NOT NULL DEFAULT '{}',
      seen_at timestamptz,
      changed_at timestamptz NOT NULL DEFAULT now(),
      last_assigned_at timestamptz
    )`);
    await q.query(`CREATE TABLE team_assignment (
      team_id uuid PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
      auto_assign boolean NOT NULL DEFAULT true,
      idle_return_minutes int CHECK (idle_return_minutes BETWEEN 1 AND 1440),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`ALTER TABLE conversations
      ADD COLUMN assigned_at timestamptz,
      ADD COLUMN agent_action_at timestamptz`);
    // the hand-out's scan: open, unassigned, answer needed, most urgent first
    await q.query(`CREATE INDEX conversations_unassigned_idx ON conversations (due_at ASC NULLS LAST, priority DESC, id)
      WHERE status = 'open' AND assignee_id IS NULL AND needs_response`);
    await q.query(`ALTER TABLE sla_policies ADD COLUMN reassign_on_breach boolean NOT NULL DEFAULT false`);

    await q.query(`CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('sla_warning', 'sla_breach', 'returned_to_queue')),
      conversation_id uuid REFERENCES conversations(id) ON DELETE RESTRICT,
      data jsonb NOT NULL DEFAULT '{}',
      dedupe_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      UNIQUE (user_id, dedupe_key)
    )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);

    await q.query(`CREATE UNLOGGED TABLE conversation_presence (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      state text NOT NULL CHECK (state IN ('viewing', 'typing')),
      until timestamptz NOT NULL,
      PRIMARY KEY (conversation_id, user_id)
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversation_presence`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`ALTER TABLE sla_policies DROP COLUMN reassign_on_breach`);
    await q.query(`DROP INDEX conversations_unassigned_idx`);
    await q.query(`ALTER TABLE conversations DROP COLUMN agent_action_at, DROP COLUMN assigned_at`);
    await q.query(`DROP TABLE team_assignment`);
    await q.query(`DROP TABLE agent_status`);
  }
}
