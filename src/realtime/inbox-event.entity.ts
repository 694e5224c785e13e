import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A streamed inbox change (see src/inbox/inbox-events.ts); pruned after a day. Read with SQL. */
@Entity('inbox_events')
@Index('inbox_events_at_idx', ['at'])
export class InboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('timestamptz', { default: () => 'clock_timestamp()' }) at: Date;
  @Column('text') type: string;
  @Column('uuid', { name: 'conversation_ids', array: true, default: () => "'{}'" }) conversationIds: string[];
  @Column('jsonb', { default: {} }) data: Record<string, unknown>;
}
