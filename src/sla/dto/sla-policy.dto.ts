import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidateIf,
} from 'class-validator';
import { CalendarSpec, calendarSpecProblems } from '../calendar-spec';
import { CARE_INTENTS, CareIntent } from '../sla.types';

/** A month of working time is the longest target that still means something. */
const MAX_MINUTES = 60 * 24 * 31;

/** Checks a business calendar with the same rules the SLA arithmetic enforces. */
function IsCalendarSpec() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarSpec',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) =>
          value !== null &&
          typeof value === 'object' &&
          calendarSpecProblems(value as CalendarSpec).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          args?.value && typeof args.value === 'object'
            ? `calendar: ${calendarSpecProblems(args.value as CalendarSpec).join('; ')}`
            : 'calendar must be an object',
      },
    });
}

export class CreateSlaPolicyDto {
  @ApiProperty({ example: 'VK complaints' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null or absent: every source' })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    enum: [...CARE_INTENTS],
    description: 'null or absent: every intent',
  })
  @IsOptional()
  @IsIn([...CARE_INTENTS])
  intent?: CareIntent | null;

  @ApiProperty({ example: 60, description: 'working minutes to the first answer' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  firstResponseMinutes: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'business calendar; null or absent: 24/7',
    example: {
      timeZone: 'Europe/Moscow',
      week: {
        mon: [
          { from: '09:00', to: '13:00' },
          { from: '14:00', to: '18:00' },
        ],
      },
      productionCalendar: 'RU',
    },
  })
  @IsOptional()
  @IsCalendarSpec()
  calendar?: CalendarSpec | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  pauseWhilePending?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: false, description: 'at breach, hand the conversation to another agent' })
  @IsOptional()
  @IsBoolean()
  reassignOnBreach?: boolean;
}

export class UpdateSlaPolicyDto {
  @ApiPropertyOptional()
  @ValidateIf((o) => o.name !== undefined) // null is not a value here
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: [...CARE_INTENTS] })
  @IsOptional()
  @IsIn([...CARE_INTENTS])
  intent?: CareIntent | null;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.firstResponseMinutes !== undefined) // null is not a value here
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  firstResponseMinutes?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  @IsOptional()
  @IsCalendarSpec()
  calendar?: CalendarSpec | null;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.pauseWhilePending !== undefined) // null is not a value here
  @IsBoolean()
  pauseWhilePending?: boolean;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.enabled !== undefined) // null is not a value here
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'at breach, hand the conversation to another agent' })
  @ValidateIf((o) => o.reassignOnBreach !== undefined) // null is not a value here
  @IsBoolean()
  reassignOnBreach?: boolean;
}
