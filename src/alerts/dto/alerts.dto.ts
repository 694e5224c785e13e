import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ALERT_STATES, RULE_KINDS } from '../alert.types';

const ALERT_KINDS = [...RULE_KINDS, 'sla_escalation'];

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ALERT_STATES })
  @IsOptional()
  @IsIn([...ALERT_STATES])
  state?: (typeof ALERT_STATES)[number];

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional()
  @IsIn(ALERT_KINDS)
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ruleId?: string;

  @ApiPropertyOptional({ enum: ['alert', 'all_clear'], description: 'default: both' })
  @IsOptional()
  @IsIn(['alert', 'all_clear'])
  type?: 'alert' | 'all_clear';

  @ApiPropertyOptional({ description: 'fired at or after (ISO time)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'fired before (ISO time)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ description: 'opaque cursor from the previous page (`next`)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a cursor from this API' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AlertSampleDto {
  @ApiPropertyOptional() itemId?: string;
  @ApiPropertyOptional({ nullable: true }) conversationId?: string | null;
  @ApiProperty({ description: 'what the customer wrote (trimmed); render as text' }) text: string;
  @ApiProperty() author: string;
  @ApiProperty() platform: string;
  @ApiPropertyOptional({ nullable: true, description: 'the item on its platform' }) url?: string | null;
  @ApiPropertyOptional() at?: string;
}

export class DeliveryAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: ['main', 'lead'] }) channel: string;
  @ApiProperty({ nullable: true }) worker: string | null;
  @ApiProperty() startedAt: Date;
  @ApiProperty({ nullable: true }) finishedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['sent', 'logged', 'retry', 'failed', 'unknown'] }) outcome:
    string | null;
  @ApiProperty({ nullable: true }) httpStatus: number | null;
  @ApiProperty({ nullable: true }) error: string | null;
}

export class AlertViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true }) ruleId: string | null;
  @ApiProperty({ nullable: true }) ruleName: string | null;
  @ApiProperty({ enum: ALERT_KINDS }) kind: string;
  @ApiProperty({ enum: ['alert', 'all_clear'] }) type: string;
  @ApiProperty({ nullable: true, description: 'all-clear: the alert it clears' }) parentId: string | null;
  @ApiProperty({
    description: 'overall, platform:<p>, source:<id>, term:<stems>, item:<id>, sla, source-health:<id>',
  })
  scope: string;
  @ApiProperty({ enum: ['main', 'lead'] }) channel: string;
  @ApiProperty({ enum: ['ru', 'en'] }) language: string;
  @ApiProperty({
    enum: ALERT_STATES,
    description:
      'fired (recorded, message waiting), sending, sent, logged (no webhook: log only), failed, ' +
      'unknown (a worker stopped mid-send: may have arrived), resolved (the condition is over)',
  })
  state: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the numbers (kind-specific)' })
  details: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) clear: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: [AlertSampleDto] }) samples: AlertSampleDto[];
  @ApiProperty({ description: 'the filtered view in Otklik (the Slack button)' }) link: string;
  @ApiProperty() firedAt: Date;
  @ApiProperty({ nullable: true }) resolvedAt: Date | null;
  @ApiProperty({ nullable: true }) sentAt: Date | null;
  @ApiProperty({ description: 'when the message is (next) due; later than firedAt in quiet hours' })
  nextAttemptAt: Date;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'its all-clear message, if any' })
  allClear?: { id: string; state: string; sentAt: Date | null } | null;
}

export class AlertDetailDto extends AlertViewDto {
  @ApiProperty({ type: [DeliveryAttemptDto] }) deliveries: DeliveryAttemptDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the Slack message as it is (or would be) sent: { text, blocks } in Block Kit',
  })
  message: Record<string, unknown>;
}

export class AlertListDto {
  @ApiProperty({ type: [AlertViewDto] }) alerts: AlertViewDto[];
  @ApiProperty({ nullable: true, description: 'cursor of the next page' }) next: string | null;
}

export class TestResultDto {
  @ApiProperty() delivered: boolean;
  @ApiProperty({ enum: ['sent', 'retry', 'failed', 'unknown'] }) outcome: string;
  @ApiPropertyOptional() httpStatus?: number;
  @ApiPropertyOptional() error?: string;
}

export class AlertRuleViewDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: RULE_KINDS }) kind: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true }) sourceId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'every threshold, defaults filled in',
  })
  params: Record<string, unknown>;
  @ApiProperty({ enum: ['ru', 'en'] }) language: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({
    nullable: true,
    type: 'object',
    properties: { from: { type: 'string' }, to: { type: 'string' } },
  })
  quietHours: { from: string; to: string } | null;
  @ApiProperty() cooldownMinutes: number;
  @ApiProperty({
    type: 'object',
    properties: { configured: { type: 'boolean' }, usesDefault: { type: 'boolean' } },
    description: 'the address itself is never returned',
  })
  webhook: { configured: boolean; usesDefault: boolean };
  @ApiProperty({ type: 'object', properties: { configured: { type: 'boolean' } } })
  leadWebhook: { configured: boolean };
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
