import { Bool, DateTime, Enum, Int, NullableDateTime, NullableStr, Str } from '../../common/api-schema';
import { REPLY_STATUSES, type ReplyStatusName } from '../../inbox/dto/inbox.views';

/** One reply in the outbox, as the replies API returns it (OpenAPI response shape). */
export class ReplyView {
  @Str({ format: 'uuid' }) id!: string;
  @Str({ format: 'uuid' }) conversationId!: string;
  @Str({ format: 'uuid' }) sourceId!: string;
  @NullableStr() inReplyToItemId!: string | null;
  @NullableStr({ format: 'uuid' }) authorId!: string | null;
  @Str() text!: string;
  @Enum(REPLY_STATUSES) status!: ReplyStatusName;
  @Enum(['open', 'pending', 'resolved'], { nullable: true }) statusAfter!: string | null;
  @Int() attempts!: number;
  @NullableStr() platformMessageId!: string | null;
  @NullableStr() lastError!: string | null;
  @NullableDateTime() nextAttemptAt!: string | null;
  @NullableDateTime() sentAt!: string | null;
  @NullableDateTime() deliveredAt!: string | null;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
  @Bool({ description: 'sent automatically to say when we will answer; not an answer' }) autoAck!: boolean;
}
