import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DataSource, EntityManager } from 'typeorm';
import type { SessionUser } from '../users/user.types';
import { CreateTemplateDto, ListTemplatesQuery, UpdateTemplateDto } from './dto/template.dto';
import { PG, pgCode } from '../database/pg-errors';
import { TemplatesRepository } from './templates.repository';

/** Canned answers: admins write them, agents pick them in the reply box. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly db: DataSource,
    private readonly templates: TemplatesRepository,
    private readonly audit: AuditService,
  ) {}

  list(q: ListTemplatesQuery) {
    return this.templates.list(q);
  }

  create(dto: CreateTemplateDto, user: SessionUser) {
    return this.write(async (tx) => {
      const t = await this.templates.create(tx, dto, user.id);
      await this.audit.record(user.id, 'template.created', 'template', t!.id, { name: dto.name }, tx);
      return t;
    });
  }

  update(id: string, dto: UpdateTemplateDto, user: SessionUser) {
    return this.write(async (tx) => {
      const t = await this.templates.update(tx, id, dto);
      if (!t) throw new NotFoundException('template not found');
      await this.audit.record(user.id, 'template.updated', 'template', id, { fields: Object.keys(dto) }, tx);
      return t;
    });
  }

  private async write<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION)
        throw new ConflictException('a template with this shortcut exists');
      throw err;
    }
  }
}
