import { Bool, DateTime, NullableStr, Str } from '../../common/api-schema';

export class TagView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @Str({ description: '#rrggbb' }) color!: string;
  @DateTime() createdAt!: string;
}

/** A tag on a conversation. */
export class ConversationTagView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @Str({ description: '#rrggbb' }) color!: string;
  @DateTime({ description: 'when it was put on' }) createdAt!: string;
  @NullableStr({ format: 'uuid', description: 'who put it on; null: an auto-tag rule' }) createdBy!:
    string | null;
  @NullableStr({ format: 'uuid', description: 'the auto-tag rule that put it on' }) ruleId!: string | null;
}

export class TagRuleView {
  @Str({ format: 'uuid' }) id!: string;
  @Str({ format: 'uuid' }) tagId!: string;
  @NullableStr() phrase!: string | null;
  @NullableStr() intent!: string | null;
  @NullableStr() sentiment!: string | null;
  @NullableStr({ format: 'uuid' }) sourceId!: string | null;
  @Bool() enabled!: boolean;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}
