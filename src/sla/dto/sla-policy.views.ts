import { Bool, DateTime, Enum, Int, Json, NullableStr, Of, Str } from '../../common/api-schema';
import { CARE_INTENTS } from '../sla.types';

export class SlaPolicyView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @NullableStr({ format: 'uuid', description: 'null: every source' }) sourceId!: string | null;
  @Enum([...CARE_INTENTS], { nullable: true, description: 'null: every intent' }) intent!: string | null;
  @Int() firstResponseMinutes!: number;
  @Json({ nullable: true, description: 'business calendar (CalendarSpec); null: 24/7' })
  calendar!: Record<string, unknown> | null;
  @Bool() pauseWhilePending!: boolean;
  @Bool() enabled!: boolean;
  @Bool({ description: 'at breach, the conversation goes to another agent' }) reassignOnBreach!: boolean;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}

export class SlaPolicyChangeView {
  @Of(() => SlaPolicyView) policy!: SlaPolicyView;
  @Int({ description: 'running deadlines recomputed for the new target or calendar' })
  recomputedClocks!: number;
}
