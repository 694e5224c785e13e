import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersRepository } from '../users/users.repository';
import { AuthHousekeeping } from './auth-housekeeping.service';
import { AuthController } from './auth.controller';
import { SessionGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { SessionsRepository } from './sessions.repository';

/**
 * Sign-in, sessions, CSRF and the global default-deny guard. The users table's I/O lives in
 * src/users but is provided here, so UsersModule (the admin API) can build on this module.
 */
@Module({
  controllers: [AuthController],
  providers: [
    UsersRepository,
    SessionsRepository,
    LoginAttemptsRepository,
    AuthService,
    FirstAdminService,
    AuthHousekeeping,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [UsersRepository, SessionsRepository, AuthService],
})
export class AuthModule {}
