import { ApiProperty } from '@nestjs/swagger';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../analysis.types';

/** The label sets the analysis assigns: the UI reads them from here and never keeps a copy. */
export class LabelsView {
  @ApiProperty({ type: String, isArray: true, enum: [...INTENT_LABELS] })
  intents!: string[];

  @ApiProperty({ type: String, isArray: true, enum: [...SENTIMENT_LABELS] })
  sentiments!: string[];
}

export function labels(): LabelsView {
  return { intents: [...INTENT_LABELS], sentiments: [...SENTIMENT_LABELS] };
}
