import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { INTENT_LABELS } from '../../analysis/analysis.types';

export class CreateTemplateDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'typed in the reply box, e.g. `thanks`' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[\p{L}\p{N}_-]{1,40}$/u, { message: 'shortcut must be 1-40 letters, digits, _ or -' })
  shortcut?: string | null;

  @ApiPropertyOptional({ enum: ['ru', 'en'], default: 'ru' })
  @IsOptional()
  @IsIn(['ru', 'en'])
  locale?: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  body!: string;

  @ApiPropertyOptional({ enum: INTENT_LABELS, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string | null;
}

export class UpdateTemplateDto extends PartialType(CreateTemplateDto) {}

export class ListTemplatesQuery {
  @ApiPropertyOptional({ enum: ['ru', 'en'] })
  @IsOptional()
  @IsIn(['ru', 'en'])
  locale?: string;

  @ApiPropertyOptional({ enum: INTENT_LABELS })
  @IsOptional()
  @IsIn(INTENT_LABELS as readonly string[])
  intent?: string;
}
