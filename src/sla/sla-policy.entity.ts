import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CalendarSpec } from './calendar-spec';
import type { CareIntent } from './sla.types';

/** A first-response target for a source and/or intent (null = any), with an optional calendar. */
@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'source_id', nullable: true })
  sourceId: string | null;

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
