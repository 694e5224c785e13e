import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { SourceStatus } from './source-health';

/** A connected account (VK community, Telegram bot, webhook). Credentials are sealed with SecretBox. */
@Entity('sources')
@Check('sources_quota_used_check', '(quota_used >= 0)')
@Index('sources_platform_idx', ['platform'])
@Check(
  'sources_status_check',
  "(status = ANY (ARRAY['healthy'::text, 'throttled'::text, 'degraded'::text, 'needs_attention'::text, 'disabled'::text]))",
)
export class SourceEntity {
  /** The database default is gen_random_uuid(); the sources service supplies its own id (credentials' aad). */
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') platform: string;
  @Column('text') name: string;
  @Column('jsonb', { default: {} }) settings: Record<string, any>;
  /** SecretBox-sealed JSON, aad = source id. Never returned by the API, never logged. */
  @Column('text', { name: 'credentials_encrypted', nullable: true, select: false })
  credentialsEncrypted: string | null;
  @Column('boolean', { default: true }) enabled: boolean;
  @Column('text', { default: 'healthy' }) status: SourceStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' }) statusChangedAt: Date;
  @Column('timestamptz', { name: 'throttled_until', nullable: true }) throttledUntil: Date | null;
  @Column('text', { name: 'last_error_code', nullable: true }) lastErrorCode: string | null;
  @Column('timestamptz', { name: 'last_synced_at', nullable: true }) lastSyncedAt: Date | null;
  @Column('int', { name: 'consecutive_failures', default: 0 }) consecutiveFailures: number;
  /** Platforms with a daily API quota (YouTube): the platform's quota day and units spent on it. */
  @Column('date', { name: 'quota_day', nullable: true }) quotaDay: string | null;
  @Column('int', { name: 'quota_used', default: 0 }) quotaUsed: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
