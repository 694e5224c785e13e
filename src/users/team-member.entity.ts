import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Team } from './team.entity';
import { User } from './user.entity';

/**
 * A row of `team_members`, described as its own entity so schema checks see its real shape (composite
 * primary key, the migration's FK names, no extra indexes). Team.members reads the same table; that
 * junction is excluded from synchronisation, because TypeORM would add an index on each column.
 */
@Entity('team_members')
export class TeamMember {
  @PrimaryColumn('uuid', { name: 'team_id' })
  teamId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'team_members_team_id_fkey' })
  team?: Relation<Team>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'team_members_user_id_fkey' })
  user?: Relation<User>;
}
