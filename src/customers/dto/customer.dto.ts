import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
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
import { CONVERSATION_STATUSES } from '../../inbox/dto/inbox.dto';

export class CustomerNoteDto {
  @ApiProperty({ minLength: 1, maxLength: 4000 })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  text!: string;
}

export class DismissSuggestionDto {
  @ApiProperty({ format: 'uuid', description: 'the suggested contact that is not this person' })
  @IsUUID()
  contactId!: string;
}

export class CustomerSummaryView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() displayName!: string;
  @DateTime() createdAt!: string;
}

export class CustomerContactView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() platform!: string;
  @Str() externalId!: string;
  @NullableStr() displayName!: string | null;
  @NullableStr() username!: string | null;
  @DateTime() createdAt!: string;
  @Int() conversationCount!: number;
}

export class CustomerConversationView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() platform!: string;
  @Str({ format: 'uuid' }) sourceId!: string;
  @Str() sourceName!: string;
  @Enum(CONVERSATION_STATUSES) status!: (typeof CONVERSATION_STATUSES)[number];
  @NullableStr() subject!: string | null;
  @NullableStr() intent!: string | null;
  @NullableStr() sentimentLabel!: string | null;
  @NullableStr({ format: 'uuid' }) contactId!: string | null;
  @NullableDateTime() firstMessageAt!: string | null;
  @NullableDateTime() lastMessageAt!: string | null;
  @NullableStr({ description: 'customer text: render as text' }) lastText!: string | null;
}

export class CustomerItemView {
  @Str({ description: 'a bigint as a string' }) id!: string;
  @Str({ format: 'uuid' }) conversationId!: string;
  @Str() platform!: string;
  @Str() kind!: string;
  @Enum(['inbound', 'outbound']) direction!: 'inbound' | 'outbound';
  @NullableStr() authorName!: string | null;
  @Str({ description: 'customer text: render as text' }) text!: string;
  @DateTime() createdAt!: string;
  @NullableStr() sentimentLabel!: string | null;
  @Num({ nullable: true }) sentimentScore!: number | null;
  @NullableStr() intent!: string | null;
}

export class CustomerSentimentPointView {
  @DateTime() at!: string;
  @Str({ description: 'positive, neutral or negative' }) label!: string;
  @Num({ nullable: true }) score!: number | null;
}

export class NoteVersionView {
  @Str() text!: string;
  @DateTime({ description: 'when this text was written' }) editedAt!: string;
  @NullableStr({ format: 'uuid' }) editedBy!: string | null;
}

export class CustomerNoteView {
  @Str({ format: 'uuid' }) id!: string;
  @Str({ format: 'uuid' }) customerId!: string;
  @Str() text!: string;
  @NullableStr({ format: 'uuid' }) authorId!: string | null;
  @NullableStr() authorName!: string | null;
  @NullableStr({ format: 'uuid' }) updatedBy!: string | null;
  @ListOf(() => NoteVersionView, { description: 'earlier texts, oldest first' }) history!: NoteVersionView[];
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}

export class CustomerView {
  @Of(() => CustomerSummaryView) customer!: CustomerSummaryView;
  @ListOf(() => CustomerContactView, { description: 'the person on every platform' })
  contacts!: CustomerContactView[];
  @ListOf(() => CustomerConversationView, { description: 'newest first' })
  conversations!: CustomerConversationView[];
  @ListOf(() => CustomerItemView, { description: 'every conversation’s items, newest first (200 at most)' })
  items!: CustomerItemView[];
  @ListOf(() => CustomerSentimentPointView, { description: 'the customer’s own messages, oldest first' })
  sentiment!: CustomerSentimentPointView[];
  @ListOf(() => CustomerNoteView, { description: 'newest first; never deleted' }) notes!: CustomerNoteView[];
}

export class MatchReasonView {
  @Enum(['phone', 'email', 'name']) reason!: 'phone' | 'email' | 'name';
  @Str({ description: 'the shared phone (10 digits), e-mail or name' }) value!: string;
}

export class SuggestedContactView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() platform!: string;
  @Str() externalId!: string;
  @NullableStr() displayName!: string | null;
  @NullableStr() username!: string | null;
  @Str({ format: 'uuid' }) customerId!: string;
  @Str() customerName!: string;
}

export class SamePersonSuggestionView {
  @Of(() => SuggestedContactView) contact!: SuggestedContactView;
  @ListOf(() => MatchReasonView) reasons!: MatchReasonView[];
}
