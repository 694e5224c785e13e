import type { QuotaView } from '../connectors/connector';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateSourceDto {
  @ApiProperty({ example: 'vk', description: 'vk, telegram or webhook' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{1,31}$/, {
    message: 'platform must be a platform name like vk, telegram or webhook',
  })
  platform: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'VK: { groupId }; Telegram: {}; webhook: {}',
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'VK: { accessToken }; Telegram: { botToken }; webhook: { secret }. Sealed, never shown again',
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;
}

export class UpdateSourceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** What the admin API shows of a source: never its credentials. */
export interface SourceView {
  id: string;
  platform: string;
  name: string;
  settings: Record<string, unknown>;
  enabled: boolean;
  status: string;
  statusReason: string | null;
  statusChangedAt: Date;
  throttledUntil: Date | null;
  lastErrorCode: string | null;
  lastSyncedAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
  /** Platforms with a daily API quota (YouTube): what is spent and left today. */
  quota?: QuotaView;
}
