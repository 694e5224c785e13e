import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { Bool, DateTime, Enum, Int, NullableDateTime, Str } from '../../common/api-schema';
import { AGENT_STATES, type AgentState } from '../assignment-rules';

const LANGUAGE = /^[a-z]{2,3}$/;

export class SetAgentStatusDto {
  @ApiProperty({
    enum: AGENT_STATES,
    description: 'online: takes new conversations; away and offline: does not',
  })
  @IsIn(AGENT_STATES)
  state!: AgentState;

  @ApiPropertyOptional({
    type: [String],
    description: 'language skills (ISO 639-1, e.g. ru, en); empty: any',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE, { each: true, message: 'languages must be ISO 639 codes such as ru or en' })
  languages?: string[];
}

export class SetLanguagesDto {
  @ApiProperty({ type: [String], description: 'language skills (ISO 639-1); empty: any language' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE, { each: true, message: 'languages must be ISO 639 codes such as ru or en' })
  languages!: string[];
}

export class TeamAssignmentDto {
  @ApiProperty({ description: 'hand new conversations of this team out automatically' })
  @IsBoolean()
  autoAssign!: boolean;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 1440,
    description:
      'an assigned open conversation with no action by its holder this long goes back to the queue; null: never',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1440)
  idleReturnMinutes!: number | null;
}

export class AgentStatusView {
  @Str({ format: 'uuid' }) userId!: string;
  @Str() name!: string;
  @Enum(AGENT_STATES) state!: AgentState;
  @Int({ description: 'users.maxOpenConversations (admins set it in the users API)' }) capacity!: number;
  @Int({ description: 'conversations held that are open or pending' }) load!: number;
  @Str({ isArray: true }) languages!: string[];
  @Str({ isArray: true, format: 'uuid' }) teamIds!: string[];
  @NullableDateTime({ description: 'a browser of theirs was last on the live stream' }) seenAt!:
    string | null;
  @NullableDateTime() changedAt!: string | null;
}

export class TeamAssignmentView {
  @Str({ format: 'uuid' }) teamId!: string;
  @Str() name!: string;
  @Bool() autoAssign!: boolean;
  @Int({ nullable: true }) idleReturnMinutes!: number | null;
}

export class HandOutView {
  @Int() assigned!: number;
  @Int() waiting!: number;
  @DateTime() at!: string;
}
