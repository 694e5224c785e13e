import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../auth/sessions.module';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * People and teams: the users and teams tables (UsersRepository, TeamsRepository; sign-in in
 * AuthModule builds on them) and the admin API for them. Ending a person's sessions (disabled, a
 * new password) uses the sessions table directly (SessionsModule), not sign-in.
 */
@Module({
  imports: [SessionsModule, AuditModule],
  controllers: [UsersController, TeamsController],
  providers: [UsersRepository, UsersService, TeamsService, TeamsRepository],
  exports: [UsersRepository, TeamsRepository],
})
export class UsersModule {}
