import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Bool, DateTime, Enum, Int, ListOf, NullableStr, Of, Str } from '../../common/api-schema';
import { ConversationFilterDto } from '../dto/inbox.dto';

export const VIEW_SCOPES = ['personal', 'team', 'everyone'] as const;

export class CreateSavedViewDto {
  @ApiProperty({ minLength: 1, maxLength: 80 })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name!: string;

  @ApiPropertyOptional({
    enum: VIEW_SCOPES,
    default: 'personal',
    description: 'team and everyone: admins only',
  })
  @IsOptional()
  @IsIn(VIEW_SCOPES)
  scope?: (typeof VIEW_SCOPES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'the team, for scope team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiProperty({ type: () => ConversationFilterDto, description: 'GET /api/conversations filters' })
  @IsObject()
  @ValidateNested()
  @Type(() => ConversationFilterDto)
  filters!: ConversationFilterDto;
}

export class UpdateSavedViewDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 80 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name?: string;

  @ApiPropertyOptional({ type: () => ConversationFilterDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConversationFilterDto)
  filters?: ConversationFilterDto;
}

/** A view's stored filters, as the queue takes them (dates as ISO strings). */
export class SavedViewFiltersView {
  @ApiPropertyOptional() q?: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional() platform?: string;
  @ApiPropertyOptional({ format: 'uuid' }) sourceId?: string;
  @ApiPropertyOptional() sentiment?: string;
  @ApiPropertyOptional() intent?: string;
  @ApiPropertyOptional() sla?: string;
  @ApiPropertyOptional() assignee?: string;
  @ApiPropertyOptional({ format: 'uuid' }) teamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) tagId?: string;
  @ApiPropertyOptional() language?: string;
  @ApiPropertyOptional({ format: 'date-time' }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) to?: string;
}

export class SavedViewView {
  @Str({ format: 'uuid' }) id!: string;
  @NullableStr({ description: 'a default view (the UI names it in the reader’s language)' }) key!:
    string | null;
  @Str() name!: string;
  @Enum(VIEW_SCOPES) scope!: (typeof VIEW_SCOPES)[number];
  @NullableStr({ format: 'uuid' }) ownerId!: string | null;
  @NullableStr({ format: 'uuid' }) teamId!: string | null;
  @Of(() => SavedViewFiltersView) filters!: SavedViewFiltersView;
  @Bool({ description: 'the reader may rename, change or delete it' }) editable!: boolean;
  @Int({ description: 'conversations it finds now, up to countCap' }) count!: number;
  @Bool({ description: 'count reached the cap: there are at least that many' }) capped!: boolean;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}

export class SavedViewListView {
  @ListOf(() => SavedViewView) views!: SavedViewView[];
  @Int() countCap!: number;
}
