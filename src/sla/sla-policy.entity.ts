import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { SourceEntity } from '../sources/source.entity';
import type { CalendarSpec } from './calendar-spec';
import type { CareIntent } from './sla.types';

/** A first-response target for a source and/or intent (null = any), with an optional calendar. */
@Entity('sla_policies')
@Check('sla_policies_first_response_minutes_check', '(first_response_minutes > 0)')
// One enabled policy per (source, intent) scope: a COALESCE expression index TypeORM cannot express.
@Index('sla_policies_scope_uq', { synchronize: false })
export class SlaPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'source_id', nullable: true })
  sourceId: string | null;

  /** Declares the migration's FK for schema checks; the code reads `sourceId`. */
  @ManyToOne(() => SourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'sla_policies_source_id_fkey' })
  source?: Relation<SourceEntity> | null;

  @Column('text', { nullable: true })
  intent: CareIntent | null;

  @Column('int', { name: 'first_response_minutes' })
  firstResponseMinutes: number;

  @Column('jsonb', { nullable: true })
  calendar: CalendarSpec | null;

  @Column('boolean', { name: 'pause_while_pending', default: true })
  pauseWhilePending: boolean;

  @Column('boolean', { default: true })
  enabled: boolean;

  /** A breach takes the conversation from its holder and hands it to another agent (issue 12). */
  @Column('boolean', { name: 'reassign_on_breach', default: false })
  reassignOnBreach: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
