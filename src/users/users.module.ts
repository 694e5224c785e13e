import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** The admin API for people and teams, built on AuthModule (users I/O, sessions). */
@Module({
  imports: [AuthModule],
  controllers: [UsersController, TeamsController],
  providers: [UsersService, TeamsService, TeamsRepository],
  exports: [TeamsRepository],
})
export class UsersModule {}
