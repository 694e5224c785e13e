import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../../analysis/analysis.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const COLOR = /^#[0-9a-fA-F]{6}$/;

export class CreateTagDto {
  @ApiProperty({ minLength: 1, maxLength: 60, description: 'unique, case-insensitive' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name!: string;

  @ApiPropertyOptional({ example: '#d9480f', default: '#888888' })
  @IsOptional()
  @Matches(COLOR, { message: 'color must be #rrggbb' })
  color?: string;
}

export class UpdateTagDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 60 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name?: string;

  @ApiPropertyOptional({ example: '#d9480f' })
  @IsOptional()
  @Matches(COLOR, { message: 'color must be #rrggbb' })
  color?: string;
}

export class TagConversationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tagId!: string;
}

/** Every condition set must hold; at least one is required. */
export class CreateTagRuleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tagId!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description: 'a word or phrase, matched on stems (Russian and English): "интернет" finds "интернета"',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  phrase?: string | null;

  @ApiPropertyOptional({ enum: INTENT_LABELS, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string | null;

  @ApiPropertyOptional({ enum: SENTIMENT_LABELS, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(SENTIMENT_LABELS as readonly string[])
  sentiment?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateTagRuleDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tagId?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  phrase?: string | null;

  @ApiPropertyOptional({ enum: INTENT_LABELS, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string | null;

  @ApiPropertyOptional({ enum: SENTIMENT_LABELS, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(SENTIMENT_LABELS as readonly string[])
  sentiment?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
