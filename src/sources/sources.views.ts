import { ApiPropertyOptional } from '@nestjs/swagger';
import { Bool, DateTime, Enum, Int, Json, NullableDateTime, NullableStr, Str } from '../common/api-schema';

export const SOURCE_STATUSES = ['healthy', 'throttled', 'degraded', 'needs_attention', 'disabled'] as const;

/** A source's API quota today (YouTube: 10,000 units a day, reset at midnight Pacific time). */
export class SourceQuotaView {
  @Str({ description: "the platform's quota day, e.g. 2024-11-01" }) day!: string;
  @Int() limit!: number;
  @Int() used!: number;
  @Int() remaining!: number;
  @Int({ description: 'the most polling spends a day; the rest is kept for replies' }) readBudget!: number;
  @DateTime() resetsAt!: string;
}

/** A connected account as the admin API shows it: never its credentials (OpenAPI shape of SourceView). */
export class SourceViewSchema {
  @Str({ format: 'uuid' }) id!: string;
  @Str({ description: 'vk, telegram, webhook' }) platform!: string;
  @Str() name!: string;
  @Json() settings!: Record<string, unknown>;
  @Bool() enabled!: boolean;
  @Enum(SOURCE_STATUSES) status!: (typeof SOURCE_STATUSES)[number];
  @NullableStr({ description: "the last error's message" }) statusReason!: string | null;
  @DateTime() statusChangedAt!: string;
  @NullableDateTime() throttledUntil!: string | null;
  @NullableStr({ description: 'temporary, rate_limited, auth_revoked, configuration, bad_cursor, ...' })
  lastErrorCode!: string | null;
  @NullableDateTime() lastSyncedAt!: string | null;
  @Int() consecutiveFailures!: number;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
  @ApiPropertyOptional({
    type: () => SourceQuotaView,
    description: 'platforms with a daily API quota (YouTube): what is spent and left today',
  })
  quota?: SourceQuotaView;
}

export class CreatedSourceView extends SourceViewSchema {
  @Str({ description: 'the community, bot or account the credentials belong to' }) accountName!: string;
}

export class SourceVerifiedView {
  @Bool() ok!: true;
  @Str() accountName!: string;
}
