import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IANAZone } from 'luxon';
import { RULE_KINDS, RuleKind } from '../alert.types';
import { isHhMm } from '../detection/quiet-hours';
import { paramsProblems } from '../rule-params';
import { webhookUrlProblem } from '../webhook-url';

/** The kind's parameter checks (rule-params.ts); the kind comes from the body or the stored rule. */
function IsRuleParams() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRuleParams',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const kind = (args?.object as { kind?: RuleKind }).kind;
          // PATCH has no kind: the service checks against the stored rule's kind.
          if (!kind) return value === undefined || (typeof value === 'object' && value !== null);
          return paramsProblems(kind, value).length === 0;
        },
        defaultMessage: (args?: ValidationArguments) => {
          const kind = (args?.object as { kind?: RuleKind }).kind;
          return kind ? paramsProblems(kind, args?.value).join('; ') : 'params must be an object';
        },
      },
    });
}

/** A webhook address; the message never repeats the value (it is a secret). */
function IsWebhookUrl() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => value === null || webhookUrlProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} ${webhookUrlProblem(args?.value) ?? 'is not a webhook URL'}`,
      },
    });
}

function IsTimeZone() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value),
        defaultMessage: () => `${propertyName} must be an IANA time zone such as Europe/Moscow`,
      },
    });
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: 'HH:MM in the rule time zone' })
  @IsString()
  @IsHhMmValue()
  from: string;

  @ApiProperty({ example: '08:00', description: 'HH:MM; before `from` spans midnight' })
  @IsString()
  @IsHhMmValue()
  to: string;
}

function IsHhMmValue() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isHhMm',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => isHhMm(value),
        defaultMessage: () => `${propertyName} must be HH:MM (00:00–23:59)`,
      },
    });
}

const PARAMS_DOC =
  'Thresholds of the kind (absent keys take the defaults, see GET /api/alert-rules/defaults). ' +
  'negative_spike: windowMinutes, baselineWeeks, minNegatives, minRatio, minShareLift, sensitivity ' +
  '(low|medium|high), clearRatio, scopes (overall|platform|source). term_surge: windowMinutes, minCount, ' +
  'minAuthors, minRatio, sensitivity, watch (phrases of 1–2 words), discover, maxAlertsPerRun, clearRatio. ' +
  'tag_surge: windowMinutes, minCount, minAuthors, minRatio, sensitivity, tags (tag ids; empty: every tag), ' +
  'maxAlertsPerRun, clearRatio. ' +
  'high_reach: minReach, lookbackHours. sla: windowMinutes, events (warning_50|warning_80|breach), ' +
  'escalateAfterMinutes. source_health: silentMinutes.';

export class CreateAlertRuleDto {
  @ApiProperty({ example: 'Всплески негатива во ВКонтакте' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: RULE_KINDS })
  @IsIn([...RULE_KINDS])
  kind: RuleKind;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'only this source; null or absent: every source' })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: PARAMS_DOC })
  @IsOptional()
  @IsRuleParams()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru', description: 'language of the messages' })
  @IsOptional()
  @IsIn(['ru', 'en'])
  language?: 'ru' | 'en';

  @ApiPropertyOptional({ default: 'Europe/Moscow' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'messages wait until these end' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({
    default: 60,
    description: 'after an all-clear, the same scope stays quiet this long',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  cooldownMinutes?: number;

  @ApiPropertyOptional({
    nullable: true,
    writeOnly: true,
    description:
      'Slack incoming-webhook URL for this rule (https). Stored encrypted, never returned or logged. ' +
      'Absent or null: SLACK_WEBHOOK_URL; neither: the alert is only recorded and logged.',
  })
  @IsOptional()
  @IsWebhookUrl()
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    writeOnly: true,
    description:
      'SLA rules: the lead channel for escalations (default: the rule channel). Write-only, encrypted.',
  })
  @IsOptional()
  @IsWebhookUrl()
  leadWebhookUrl?: string | null;
}

export class UpdateAlertRuleDto {
  @ApiPropertyOptional()
  @ValidateIf((o) => o.name !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.enabled !== undefined)
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: PARAMS_DOC })
  @ValidateIf((o) => o.params !== undefined)
  @IsObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['ru', 'en'] })
  @ValidateIf((o) => o.language !== undefined)
  @IsIn(['ru', 'en'])
  language?: 'ru' | 'en';

  @ApiPropertyOptional()
  @ValidateIf((o) => o.timeZone !== undefined)
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.cooldownMinutes !== undefined)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  cooldownMinutes?: number;

  @ApiPropertyOptional({ nullable: true, writeOnly: true, description: 'null: use SLACK_WEBHOOK_URL' })
  @IsOptional()
  @IsWebhookUrl()
  webhookUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, writeOnly: true })
  @IsOptional()
  @IsWebhookUrl()
  leadWebhookUrl?: string | null;
}

export class TestMessageDto {
  @ApiPropertyOptional({
    writeOnly: true,
    description: 'try this address instead of the saved one (e.g. before saving it); never stored',
  })
  @IsOptional()
  @IsWebhookUrl()
  webhookUrl?: string;

  @ApiPropertyOptional({ enum: ['main', 'lead'], default: 'main' })
  @IsOptional()
  @IsIn(['main', 'lead'])
  channel?: 'main' | 'lead';
}
