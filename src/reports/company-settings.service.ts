import { BadRequestException, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from '../users/user.types';
import { CompanySettingsRepository } from './company-settings.repository';
import { checkWholeHourOffsets, isValidTimeZone } from './domain/time-buckets';
import type { UpdateCompanySettingsDto } from './dto/report-query.dto';
import type { CompanySettingsView } from './dto/report.views';

/**
 * The company's time zone (every report's default; term counts are kept per day in it, so a
 * change makes the term worker count them again) and its brand words (left out of term reports).
 */
@Injectable()
export class CompanySettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: CompanySettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<CompanySettingsView> {
    return view(await this.repo.get());
  }

  async update(dto: UpdateCompanySettingsDto, user: SessionUser): Promise<CompanySettingsView> {
    if (dto.timeZone === undefined && dto.brandWords === undefined)
      throw new BadRequestException('give timeZone and/or brandWords');
    if (dto.timeZone !== undefined) {
      if (!isValidTimeZone(dto.timeZone) || !(await this.repo.knowsTimeZone(dto.timeZone)))
        throw new BadRequestException(`unknown time zone "${dto.timeZone}"`);
      const now = DateTime.now();
      try {
        checkWholeHourOffsets({
          from: now.minus({ years: 2 }).toJSDate(),
          to: now.plus({ years: 1 }).toJSDate(),
          timeZone: dto.timeZone,
        });
      } catch (err) {
        throw new BadRequestException((err as Error).message);
      }
    }
    const brandWords = dto.brandWords && [...new Set(dto.brandWords.filter((w) => w !== ''))];
    return this.db.transaction(async (m) => {
      const before = await this.repo.get(m);
      const after = await this.repo.update(m, { timeZone: dto.timeZone, brandWords }, user.id);
      await this.audit.record(
        user.id,
        'company_settings.updated',
        'company_settings',
        null,
        {
          before: { timeZone: before.timeZone, brandWords: before.brandWords },
          after: { timeZone: after.timeZone, brandWords: after.brandWords },
        },
        m,
      );
      return view(after);
    });
  }
}

function view(s: { timeZone: string; brandWords: string[]; updatedAt: Date }): CompanySettingsView {
  return { timeZone: s.timeZone, brandWords: s.brandWords, updatedAt: new Date(s.updatedAt).toISOString() };
}
