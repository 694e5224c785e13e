import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The care domain's first schema: people (users, teams, sessions), sources and their cursors,
 * customers and contacts, items (every post, comment and message), conversations with SLA
 * fields, the reply outbox, notes, SLA policies, templates, analysis corrections and model
 * versions, SLA events and the audit log. It also creates `tags`, `conversation_tags` and
 * `kb_articles`, which no feature writes yet: tables laid down ahead of the features that will
 * use them, not features themselves.
 *
 * Nothing a customer wrote is ever deleted: a trigger refuses DELETE on items, and foreign keys
 * to items and conversations restrict deletion.
 */
export class CareDomain1732600000000 implements MigrationInterface {
  name = 'CareDomain1732600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);

    await q.query(`CREATE TYPE user_role AS ENUM ('admin', 'agent', 'analyst')`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email citext NOT NULL UNIQUE,
      name text NOT NULL DEFAULT '',
      password_hash text NOT NULL,
      role user_role NOT NULL DEFAULT 'agent',
      locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
      max_open_conversations int NOT NULL DEFAULT 6 CHECK (max_open_conversations > 0),
      disabled_at timestamptz,
      failed_logins int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE team_members (
      team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (team_id, user_id)
    )`);

    // The session id stored is a SHA-256 of the cookie token, so a database leak yields no live cookie.
    await q.query(`CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);

    await q.query(`CREATE TABLE login_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email citext NOT NULL,
      ip text,
      success boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX login_attempts_ip_at_idx ON login_attempts (ip, at)`);
    await q.query(`CREATE INDEX login_attempts_email_at_idx ON login_attempts (email, at)`);

    // status: healthy | throttled | degraded | needs_attention | disabled
    await q.query(`CREATE TABLE sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform text NOT NULL,
      name text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      credentials_encrypted text,
      enabled boolean NOT NULL DEFAULT true,
      status text NOT NULL DEFAULT 'healthy'
        CHECK (status IN ('healthy', 'throttled', 'degraded', 'needs_attention', 'disabled')),
      status_reason text,
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      throttled_until timestamptz,
      last_error_code text,
      last_synced_at timestamptz,
      consecutive_failures int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX sources_platform_idx ON sources (platform)`);

    // One row per stream a source reads (long-poll ts, a post's last comment id, getUpdates offset...).
    await q.query(`CREATE TABLE sync_cursors (
      source_id uuid NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      stream text NOT NULL,
      cursor jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source_id, stream)
    )`);

    await q.query(`CREATE TABLE customers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      display_name text NOT NULL DEFAULT '',
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    // A person on one platform; several contacts can belong to one customer.
    await q.query(`CREATE TABLE contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform text NOT NULL,
      external_id text NOT NULL,
      customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE RESTRICT,
      display_name text NOT NULL DEFAULT '',
      username text,
      profile jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform, external_id)
    )`);
    await q.query(`CREATE INDEX contacts_customer_idx ON contacts (customer_id)`);

    await q.query(`CREATE TABLE sla_policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      source_id uuid REFERENCES sources(id) ON DELETE CASCADE,
      intent text,
      first_response_minutes int NOT NULL CHECK (first_response_minutes > 0),
      calendar jsonb,
      pause_while_pending boolean NOT NULL DEFAULT true,
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX sla_policies_scope_uq ON sla_policies
      (COALESCE(source_id, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE(intent, '*')) WHERE enabled`);
    await q.query(`INSERT INTO sla_policies (name, intent, first_response_minutes) VALUES
      ('Sales and purchase questions', 'sales_question', 60),
      ('Everything else that needs an answer', NULL, 180)`);

    await q.query(`CREATE TYPE conversation_status AS ENUM ('open', 'pending', 'snoozed', 'resolved')`);
    await q.query(`CREATE TABLE conversations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source_id uuid NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
      platform text NOT NULL,
      thread_key text NOT NULL,
      contact_id uuid REFERENCES contacts(id) ON DELETE RESTRICT,
      customer_id uuid REFERENCES customers(id) ON DELETE RESTRICT,
      subject text,
      status conversation_status NOT NULL DEFAULT 'open',
      assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
      team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
      priority smallint NOT NULL DEFAULT 0,
      intent text,
      sentiment_label text,
      needs_response boolean NOT NULL DEFAULT false,
      snoozed_until timestamptz,
      first_message_at timestamptz,
      last_message_at timestamptz,
      last_customer_message_at timestamptz,
      sla_policy_id uuid REFERENCES sla_policies(id) ON DELETE SET NULL,
      sla_started_at timestamptz,
      due_at timestamptz,
      sla_paused_at timestamptz,
      sla_paused_ms bigint NOT NULL DEFAULT 0,
      sla_warned_50_at timestamptz,
      sla_warned_80_at timestamptz,
      sla_breached_at timestamptz,
      first_response_at timestamptz,
      first_response_seconds int,
      resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source_id, thread_key)
    )`);
    // The inbox queue: open conversations, most urgent first.
    await q.query(`CREATE INDEX conversations_queue_idx ON conversations (due_at ASC NULLS LAST, priority DESC)
      WHERE status = 'open'`);
    await q.query(`CREATE INDEX conversations_assignee_idx ON conversations (assignee_id, status)`);
    await q.query(`CREATE INDEX conversations_team_idx ON conversations (team_id, status)`);
    await q.query(`CREATE INDEX conversations_customer_idx ON conversations (customer_id)`);
    await q.query(`CREATE INDEX conversations_last_message_idx ON conversations (last_message_at DESC)`);
    // The SLA sweep looks only at conversations with a running clock.
    await q.query(`CREATE INDEX conversations_sla_sweep_idx ON conversations (due_at)
      WHERE due_at IS NOT NULL AND first_response_at IS NULL AND sla_breached_at IS NULL`);

    await q.query(`CREATE TABLE items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      source_id uuid NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
      platform text NOT NULL,
      kind text NOT NULL,
      external_id text NOT NULL,
      parent_external_id text,
      thread_external_id text,
      conversation_id uuid REFERENCES conversations(id) ON DELETE RESTRICT,
      contact_id uuid REFERENCES contacts(id) ON DELETE RESTRICT,
      direction text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
      author_external_id text,
      author_name text,
      text text NOT NULL DEFAULT '',
      previous_texts jsonb NOT NULL DEFAULT '[]',
      version int NOT NULL DEFAULT 1,
      created_at_platform timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      raw jsonb,
      language text,
      sentiment_score real,
      sentiment_label text,
      sentiment_confidence real,
      intent text,
      intent_confidence real,
      needs_response boolean,
      deadline_at timestamptz,
      model_version text,
      analyzed_at timestamptz,
      archived_at timestamptz,
      UNIQUE (source_id, external_id)
    )`);
    await q.query(`CREATE INDEX items_conversation_idx ON items (conversation_id, created_at_platform)`);
    await q.query(`CREATE INDEX items_created_idx ON items (created_at_platform)`);
    await q.query(`CREATE INDEX items_source_created_idx ON items (source_id, created_at_platform)`);
    await q.query(`CREATE INDEX items_unanalyzed_idx ON items (id) WHERE analyzed_at IS NULL`);
    await q.query(`CREATE FUNCTION otklik_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'Otklik never deletes what a customer wrote (table %); archive it instead', TG_TABLE_NAME;
      END $$`);
    await q.query(`CREATE TRIGGER items_never_deleted BEFORE DELETE ON items
      FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);

    await q.query(`CREATE TYPE reply_status AS ENUM ('queued', 'sending', 'delivered', 'failed', 'unknown')`);
    await q.query(`CREATE TABLE replies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE RESTRICT,
      in_reply_to_item_id bigint REFERENCES items(id) ON DELETE RESTRICT,
      source_id uuid NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      text text NOT NULL,
      status reply_status NOT NULL DEFAULT 'queued',
      idempotency_key text NOT NULL UNIQUE,
      attempts int NOT NULL DEFAULT 0,
      platform_message_id text,
      last_error text,
      next_attempt_at timestamptz,
      sent_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX replies_conversation_idx ON replies (conversation_id, created_at)`);
    await q.query(`CREATE INDEX replies_pending_idx ON replies (status, next_attempt_at)
      WHERE status IN ('queued', 'sending')`);

    await q.query(`CREATE TABLE notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE RESTRICT,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX notes_conversation_idx ON notes (conversation_id, created_at)`);

    await q.query(`CREATE TABLE tags (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name citext NOT NULL UNIQUE,
      color text NOT NULL DEFAULT '#888888',
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE conversation_tags (
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      tag_id uuid NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      PRIMARY KEY (conversation_id, tag_id)
    )`);

    await q.query(`CREATE TABLE templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      shortcut text UNIQUE,
      locale text NOT NULL DEFAULT 'ru',
      body text NOT NULL,
      intent text,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE kb_articles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      body text NOT NULL,
      locale text NOT NULL DEFAULT 'ru',
      keywords text[] NOT NULL DEFAULT '{}',
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE analysis_corrections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id bigint NOT NULL REFERENCES items(id) ON DELETE RESTRICT,
      field text NOT NULL CHECK (field IN ('sentiment', 'intent')),
      old_value text,
      new_value text NOT NULL,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX analysis_corrections_item_idx ON analysis_corrections (item_id)`);

    await q.query(`CREATE TABLE model_versions (
      version text PRIMARY KEY,
      active boolean NOT NULL DEFAULT false,
      metrics jsonb NOT NULL DEFAULT '{}',
      artifact jsonb,
      trained_on int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      promoted_at timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX model_versions_one_active ON model_versions (active) WHERE active`);

    // Warnings at 50 % / 80 % and breaches: the unique key makes each fire exactly once per deadline.
    await q.query(`CREATE TABLE sla_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE RESTRICT,
      kind text NOT NULL CHECK (kind IN ('warning_50', 'warning_80', 'breach')),
      due_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, kind, due_at)
    )`);
    await q.query(`CREATE INDEX sla_events_created_idx ON sla_events (created_at)`);

    await q.query(`CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      data jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);
    await q.query(`CREATE TRIGGER audit_log_never_deleted BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION otklik_refuse_delete()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'audit_log',
      'sla_events',
      'model_versions',
      'analysis_corrections',
      'kb_articles',
      'templates',
      'conversation_tags',
      'tags',
      'notes',
      'replies',
      'items',
      'conversations',
      'sla_policies',
      'contacts',
      'customers',
      'sync_cursors',
      'sources',
      'login_attempts',
      'sessions',
      'team_members',
      'teams',
      'users',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS otklik_refuse_delete()`);
    await q.query(`DROP TYPE IF EXISTS reply_status`);
    await q.query(`DROP TYPE IF EXISTS conversation_status`);
    await q.query(`DROP TYPE IF EXISTS user_role`);
  }
}
