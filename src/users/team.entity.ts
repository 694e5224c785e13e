import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/** A group of agents conversations can be routed to (e.g. "Billing", "Delivery"). */
@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  // Read-only view of `team_members`; its schema is described (and checked) by TeamMember.
  @ManyToMany(() => User)
  @JoinTable({
    name: 'team_members',
    joinColumn: {
      name: 'team_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'team_members_team_id_fkey',
    },
    inverseJoinColumn: {
      name: 'user_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'team_members_user_id_fkey',
    },
    synchronize: false,
  })
  members: User[];
}
