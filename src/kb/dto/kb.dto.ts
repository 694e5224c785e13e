import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  Bool,
  DateTime,
  Enum,
  Int,
  ListOf,
  NullableDateTime,
  NullableStr,
  Num,
  Of,
  Str,
} from '../../common/api-schema';

export const KB_LOCALES = ['ru', 'en'] as const;

export class CreateKbArticleDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({ description: 'plain text; paragraphs separated by blank lines' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body!: string;

  @ApiPropertyOptional({ enum: KB_LOCALES, default: 'ru' })
  @IsOptional()
  @IsIn(KB_LOCALES as readonly string[])
  locale?: string;

  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 30 })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'the public help-centre page, https' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  url?: string | null;
}

export class UpdateKbArticleDto extends PartialType(CreateKbArticleDto) {
  @ApiPropertyOptional({ description: 'archive (true) or restore (false); articles are never deleted' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class ListKbArticlesQuery {
  @ApiPropertyOptional({ description: 'search words: results ranked by relevance' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  q?: string;

  @ApiPropertyOptional({ enum: KB_LOCALES })
  @IsOptional()
  @IsIn(KB_LOCALES as readonly string[])
  locale?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  tag?: string;

  @ApiPropertyOptional({ description: 'true: the archived articles instead' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  archived?: boolean;
}

export class KbSuggestionsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  conversationId!: string;
}

export const KB_USE_KINDS = ['link', 'excerpt'] as const;

export class RecordKbUseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  conversationId!: string;

  @ApiProperty({ enum: KB_USE_KINDS })
  @IsIn(KB_USE_KINDS as readonly string[])
  kind!: (typeof KB_USE_KINDS)[number];
}

export class KbArticleView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() title!: string;
  @Str({ description: 'plain text: render as text' }) body!: string;
  @Enum(KB_LOCALES) locale!: 'ru' | 'en';
  @Str({ isArray: true }) tags!: string[];
  @NullableStr() url!: string | null;
  @Int({ description: 'times agents put it into a reply' }) useCount!: number;
  @NullableStr({ format: 'uuid' }) createdBy!: string | null;
  @NullableStr({ format: 'uuid' }) updatedBy!: string | null;
  @NullableDateTime() archivedAt!: string | null;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}

export class KbSuggestionView {
  @Of(() => KbArticleView) article!: KbArticleView;
  @Num({ description: 'BM25 relevance to the customer’s latest messages' }) score!: number;
  @Str({ description: 'the paragraph that matches best, for inserting' }) excerpt!: string;
}

export class KbSuggestionsView {
  @ListOf(() => KbSuggestionView, { description: 'best first, at most 5' }) suggestions!: KbSuggestionView[];
  @Bool({ description: 'false: the customer has written nothing to rank by yet' }) hasQuery!: boolean;
}

export class KbUseView {
  @Int() useCount!: number;
}
