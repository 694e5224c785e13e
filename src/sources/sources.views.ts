import { Bool, DateTime, Enum, Int, Json, NullableDateTime, NullableStr, Str } from '../common/api-schema';

export const SOURCE_STATUSES = ['healthy', 'throttled', 'degraded', 'needs_attention', 'disabled'] as const;

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
}

export class CreatedSourceView extends SourceViewSchema {
  @Str({ description: 'the community, bot or account the credentials belong to' }) accountName!: string;
}

export class SourceVerifiedView {
  @Bool() ok!: true;
  @Str() accountName!: string;
}
