import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { AuthHousekeeping } from './auth-housekeeping.service';
import { AuthController } from './auth.controller';
import { SessionGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { SessionsModule } from './sessions.module';

/**
 * Sign-in, sessions, CSRF and the global default-deny guard, on the users UsersModule owns.
 */
@Module({
  imports: [UsersModule, SessionsModule, AuditModule],
  controllers: [AuthController],
  providers: [
    LoginAttemptsRepository,
    AuthService,
    FirstAdminService,
    AuthHousekeeping,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
