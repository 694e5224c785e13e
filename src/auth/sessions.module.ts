import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository';

/** The sessions table: sign-in (AuthModule) creates and checks them, the users admin API ends them. */
@Module({
  providers: [SessionsRepository],
  exports: [SessionsRepository],
})
export class SessionsModule {}
