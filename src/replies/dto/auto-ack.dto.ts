import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { INTENT_LABELS } from '../../analysis/analysis.types';
import { Bool, DateTime, Int, NullableStr, Str } from '../../common/api-schema';

export class CreateAutoAckRuleDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: every source' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional({ enum: INTENT_LABELS, nullable: true, description: 'null: every intent' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    default: true,
    description: 'acknowledge messages written outside the SLA calendar’s hours',
  })
  @IsOptional()
  @IsBoolean()
  outsideHours?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 10080,
    description:
      'acknowledge when the expected wait is at least this many minutes (null: never for the wait)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(10080)
  waitOverMinutes?: number | null;

  @ApiPropertyOptional({ default: false, description: 'public comments too (default: direct messages only)' })
  @IsOptional()
  @IsBoolean()
  publicComments?: boolean;

  @ApiProperty({ description: 'Russian text; {when} becomes e.g. «до 10:00 завтра»' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  templateRu!: string;

  @ApiProperty({ description: 'English text; {when} becomes e.g. "by 10:00 tomorrow"' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  templateEn!: string;
}

export class UpdateAutoAckRuleDto extends PartialType(CreateAutoAckRuleDto) {}

export class AutoAckRuleView {
  @Str({ format: 'uuid' }) id!: string;
  @NullableStr({ format: 'uuid' }) sourceId!: string | null;
  @NullableStr() intent!: string | null;
  @Bool() enabled!: boolean;
  @Bool() outsideHours!: boolean;
  @Int({ nullable: true }) waitOverMinutes!: number | null;
  @Bool() publicComments!: boolean;
  @Str() templateRu!: string;
  @Str() templateEn!: string;
  @NullableStr({ format: 'uuid' }) updatedBy!: string | null;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}
