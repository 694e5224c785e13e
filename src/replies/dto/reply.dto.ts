import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateReplyDto {
  @ApiProperty({ description: 'plain text, sent as the company account' })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;

  @ApiPropertyOptional({ description: 'the item answered; default: the newest customer item' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'inReplyToItemId must be an item id' })
  inReplyToItemId?: string;

  @ApiPropertyOptional({
    enum: ['open', 'pending', 'resolved'],
    description: 'conversation status once delivered; default pending (waiting on the customer)',
  })
  @IsOptional()
  @IsIn(['open', 'pending', 'resolved'])
  statusAfter?: 'open' | 'pending' | 'resolved';

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description:
      'when the agent loaded the conversation (its `loadedAt`): a company reply to the same item since then is a 409 already_answered',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  loadedAt?: Date;

  @ApiPropertyOptional({
    description: 'send even though the item was answered since loadedAt (the agent confirmed)',
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class MarkDeliveredDto {
  @ApiPropertyOptional({ description: "the platform's id of the message, if the agent found it" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  platformMessageId?: string;
}
