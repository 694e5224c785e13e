import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateSourceDto {
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{1,31}$/, {
    message: 'platform must be a platform name like vk, telegram or webhook',
  })
  platform: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;
}

export class UpdateSourceDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

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
}
