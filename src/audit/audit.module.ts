import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The audit trail: modules that record import this one (and the admin's audit search). */
@Module({
  controllers: [AuditController],
  providers: [AuditLogRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
