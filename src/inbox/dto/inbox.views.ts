import {
  Bool,
  DateTime,
  Enum,
  Int,
  ListOf,
  NullableDateTime,
  NullableStr,
  Of,
  Str,
  Num,
} from '../../common/api-schema';
import { PickType } from '@nestjs/swagger';
import { ConversationTagView } from '../../tags/dto/tags.views';
import { BULK_ACTIONS, CONVERSATION_STATUSES } from './inbox.dto';

/**
 * Response shapes of the inbox API, for the OpenAPI document (the web app's types are generated
 * from it). The repositories build these rows in SQL; these classes only describe them.
 */
export class ContactView {
  @Str() id!: string;
  @Str() platform!: string;
  @Str() externalId!: string;
  @NullableStr() displayName!: string | null;
  @NullableStr() username!: string | null;
}

export class ConversationView {
  @Str({ format: 'uuid' }) id!: string;
  @Str({ format: 'uuid' }) sourceId!: string;
  @Str() sourceName!: string;
  @Str({ description: 'vk, telegram, webhook, ...' }) platform!: string;
  @Str() threadKey!: string;
  @NullableStr() subject!: string | null;
  @Enum(CONVERSATION_STATUSES) status!: (typeof CONVERSATION_STATUSES)[number];
  @NullableStr({ format: 'uuid' }) assigneeId!: string | null;
  @NullableStr({ format: 'uuid' }) teamId!: string | null;
  @Int() priority!: number;
  @NullableStr({ description: 'an intent label (GET /api/analysis/labels)' }) intent!: string | null;
  @NullableStr({ description: 'a sentiment label' }) sentimentLabel!: string | null;
  @Bool() needsResponse!: boolean;
  @NullableDateTime() snoozedUntil!: string | null;
  @NullableDateTime() firstMessageAt!: string | null;
  @NullableDateTime() lastMessageAt!: string | null;
  @NullableDateTime() lastCustomerMessageAt!: string | null;
  @NullableDateTime() slaStartedAt!: string | null;
  @NullableDateTime({ description: 'answer by; null: no deadline' }) dueAt!: string | null;
  @NullableDateTime() slaBreachedAt!: string | null;
  @NullableDateTime() firstResponseAt!: string | null;
  @Int({ nullable: true }) firstResponseSeconds!: number | null;
  @NullableDateTime() resolvedAt!: string | null;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
  @NullableStr({ format: 'uuid' }) customerId!: string | null;
  @NullableStr({ description: "the newest customer message's language (ru, en, mixed, translit, other)" })
  language!: string | null;
  @Of(() => ContactView, { nullable: true }) contact!: ContactView | null;
  @ListOf(() => ConversationTagView, { description: 'by name' }) tags!: ConversationTagView[];
  @NullableDateTime({ description: 'the clock passed 50 % of its time' }) slaWarned50At!: string | null;
  @NullableDateTime({ description: 'the clock passed 80 % of its time' }) slaWarned80At!: string | null;
  @NullableDateTime({ description: 'given to its holder' }) assignedAt!: string | null;
  @NullableDateTime({ description: "the holder's last action (reply, note, status)" }) agentActionAt!:
    string | null;
}

/** A queue row's customer: the name the row shows. */
export class QueueContactView {
  @NullableStr() displayName!: string | null;
  @NullableStr() username!: string | null;
}

/** A queue row's tag chip. */
export class QueueTagView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @Str({ description: '#rrggbb' }) color!: string;
}

/**
 * A queue row: what the list shows (who, the one-line preview, the clock, badges) and what live
 * events patch in it; the rest of the conversation (ids of its customer and source, its other
 * timestamps, when and by whom its tags were put on) is in GET /api/conversations/{id}. A page
 * is half the bytes it was with every conversation field.
 */
export class QueueRowView extends PickType(ConversationView, [
  'id',
  'sourceName',
  'platform',
  'subject',
  'status',
  'assigneeId',
  'teamId',
  'priority',
  'intent',
  'sentimentLabel',
  'language',
  'snoozedUntil',
  'lastMessageAt',
  'slaStartedAt',
  'dueAt',
  'slaBreachedAt',
] as const) {
  @Of(() => QueueContactView, { nullable: true }) contact!: QueueContactView | null;
  @ListOf(() => QueueTagView, { description: 'by name' }) tags!: QueueTagView[];
  @NullableStr() lastText!: string | null;
  @Enum(['inbound', 'outbound'], { nullable: true }) lastDirection!: 'inbound' | 'outbound' | null;
}

export class QueuePageView {
  @ListOf(() => QueueRowView) conversations!: QueueRowView[];
  @NullableStr({ description: 'pass as `cursor` for the next page' }) nextCursor!: string | null;
}

export class PreviousTextView {
  @Str() text!: string;
  @Int() version!: number;
  @NullableDateTime() at!: string | null;
}

/** What ingest replaced in what the platform sent (NUL, lone surrogates → U+FFFD). */
export class ItemCleaningView {
  @Str({ isArray: true, description: 'e.g. text, author.name, raw' }) fields!: string[];
  @Int({ description: 'characters replaced' }) replaced!: number;
}

export class WhyFeatureView {
  @Str({ description: 'a word or two-word phrase as written, an emoji, or a named signal ("question mark")' })
  feature!: string;
  @Num({ description: 'how far it pushed the decided label past the runner-up (logits)' }) weight!: number;
}

export class AnalysisWhyView {
  @ListOf(() => WhyFeatureView, { description: 'why the sentiment label, strongest first' })
  sentiment!: WhyFeatureView[];
  @ListOf(() => WhyFeatureView, { description: 'why the intent label, strongest first' })
  intent!: WhyFeatureView[];
}

export const REVIEW_REASON_NAMES = [
  'low_intent_confidence',
  'sentiment_intent_disagree',
  'deadline_escalated',
] as const;

export class ItemView {
  @Str({ description: 'a bigint as a string' }) id!: string;
  @Str() kind!: string;
  @Enum(['inbound', 'outbound']) direction!: 'inbound' | 'outbound';
  @Str() externalId!: string;
  @NullableStr() parentExternalId!: string | null;
  @NullableStr() threadExternalId!: string | null;
  @NullableStr() authorExternalId!: string | null;
  @NullableStr() authorName!: string | null;
  @Str({ description: 'customer text: render as text, never as HTML' }) text!: string;
  @ListOf(() => PreviousTextView) previousTexts!: PreviousTextView[];
  @Int() version!: number;
  @DateTime() createdAt!: string;
  @DateTime() receivedAt!: string;
  @NullableDateTime() editedAt!: string | null;
  @NullableStr() language!: string | null;
  @NullableStr() sentimentLabel!: string | null;
  @Num({ nullable: true }) sentimentScore!: number | null;
  @NullableStr() intent!: string | null;
  @Num({ nullable: true }) intentConfidence!: number | null;
  @Bool({ nullable: true }) needsResponse!: boolean | null;
  @NullableDateTime() deadlineAt!: string | null;
  @NullableDateTime() archivedAt!: string | null;
  @Of(() => ItemCleaningView, {
    nullable: true,
    description: 'null: stored as received; else which fields held characters that could not be stored',
  })
  cleaned!: ItemCleaningView | null;
  @Of(() => AnalysisWhyView, {
    nullable: true,
    description: 'the features that decided the labels (null before issue 16)',
  })
  why!: AnalysisWhyView | null;
  @Enum(REVIEW_REASON_NAMES, {
    nullable: true,
    description: 'why the item was flagged for review, if it was',
  })
  reviewReason!: (typeof REVIEW_REASON_NAMES)[number] | null;
  @NullableDateTime({ description: 'when someone confirmed or corrected the analysis' }) reviewedAt!:
    string | null;
  @Str({ description: 'vk, telegram, youtube, webhook, ...' }) platform!: string;
  @NullableStr({
    description: "the item's public address on its platform; null for direct messages and private chats",
  })
  url!: string | null;
}

export const REPLY_STATUSES = ['queued', 'sending', 'delivered', 'failed', 'unknown'] as const;
export type ReplyStatusName = (typeof REPLY_STATUSES)[number];

export class TimelineReplyView {
  @Str({ format: 'uuid' }) id!: string;
  @Enum(REPLY_STATUSES) status!: ReplyStatusName;
  @Str() text!: string;
  @NullableStr({ format: 'uuid' }) authorId!: string | null;
  @NullableStr() authorName!: string | null;
  @NullableStr() inReplyToItemId!: string | null;
  @Int() attempts!: number;
  @NullableStr({ description: 'why the last attempt failed, in words' }) lastError!: string | null;
  @NullableStr() platformMessageId!: string | null;
  @NullableDateTime() nextAttemptAt!: string | null;
  @DateTime() createdAt!: string;
  @NullableDateTime() sentAt!: string | null;
  @NullableDateTime() deliveredAt!: string | null;
  @Bool({ description: 'sent automatically to say when we will answer; not an answer' }) autoAck!: boolean;
}

export class NoteView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() text!: string;
  @NullableStr({ format: 'uuid' }) authorId!: string | null;
  @NullableStr() authorName!: string | null;
  @DateTime() createdAt!: string;
}

export class OtherConversationView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() platform!: string;
  @Str({ format: 'uuid' }) sourceId!: string;
  @Str() sourceName!: string;
  @Enum(CONVERSATION_STATUSES) status!: (typeof CONVERSATION_STATUSES)[number];
  @NullableStr() subject!: string | null;
  @NullableStr() intent!: string | null;
  @NullableStr() sentimentLabel!: string | null;
  @NullableDateTime() lastMessageAt!: string | null;
  @NullableStr() lastText!: string | null;
}

/** The post a comment answers: the community's wall post, the channel post (kept once, see post_contexts). */
export class PostContextView {
  @Str() externalId!: string;
  @Str({ description: 'the post as published: render as text' }) text!: string;
  @NullableDateTime() postedAt!: string | null;
  @NullableStr({ description: 'the post on its platform' }) url!: string | null;
}

export class ConversationDetailsView {
  @Of(() => ConversationView) conversation!: ConversationView;
  @Of(() => PostContextView, {
    nullable: true,
    description: 'the post the comments answer; null for messages, or while the platform cannot tell',
  })
  post!: PostContextView | null;
  @ListOf(() => ItemView, { description: 'oldest first' }) items!: ItemView[];
  @ListOf(() => TimelineReplyView) replies!: TimelineReplyView[];
  @ListOf(() => NoteView, { description: 'internal: never sent to the platform' }) notes!: NoteView[];
  @ListOf(() => OtherConversationView) otherConversations!: OtherConversationView[];
  @ListOf(() => SlaEventView, { description: 'the SLA clock events, oldest first (the timeline shows them)' })
  slaEvents!: SlaEventView[];
  @DateTime({ description: "server time of this read: send it as a reply's loadedAt (the collision guard)" })
  loadedAt!: string;
}

export class SlaEventView {
  @Str() id!: string;
  @Enum(['warning_50', 'warning_80', 'breach']) kind!: 'warning_50' | 'warning_80' | 'breach';
  @DateTime({ description: 'the deadline the event was raised for' }) dueAt!: string;
  @DateTime() createdAt!: string;
}

export class TemplateView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @NullableStr() shortcut!: string | null;
  @Enum(['ru', 'en']) locale!: 'ru' | 'en';
  @Str() body!: string;
  @NullableStr() intent!: string | null;
  @NullableStr({ format: 'uuid' }) createdBy!: string | null;
  @DateTime() createdAt!: string;
  @DateTime() updatedAt!: string;
}

export class CorrectionView {
  @Str() itemId!: string;
  @NullableStr() sentiment!: string | null;
  @NullableStr() intent!: string | null;
}

export class BulkResultView {
  @Str({ format: 'uuid' }) id!: string;
  @Bool() ok!: boolean;
  @Int({ description: 'the status this conversation alone would have got (200, 404, 409, 400)' })
  status!: number;
  @NullableStr({ description: 'why not, in words' }) error!: string | null;
  @NullableStr({
    description: "why not, for machines: the single request's error code (e.g. at_capacity), if it had one",
  })
  code!: string | null;
}

export class BulkOutcomeView {
  @Enum(BULK_ACTIONS) action!: (typeof BULK_ACTIONS)[number];
  @Int() succeeded!: number;
  @Int() failed!: number;
  @ListOf(() => BulkResultView, { description: 'in the order asked' }) results!: BulkResultView[];
}

/** Someone a conversation can be given to, with the load they carry now. */
export class AssigneeView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @Enum(['agent', 'admin']) role!: 'agent' | 'admin';
  @Int({ description: 'conversations they hold with status open' }) open!: number;
  @Int({ description: 'conversations they hold with status pending' }) pending!: number;
  @Int({ description: 'how many live conversations they handle well (users.max_open_conversations)' })
  capacity!: number;
  @Str({ format: 'uuid', isArray: true }) teamIds!: string[];
}

export class AssigneeTeamView {
  @Str({ format: 'uuid' }) id!: string;
  @Str() name!: string;
  @Int({ description: 'open conversations routed to the team' }) open!: number;
  @Int({ description: 'open conversations routed to the team that nobody holds' }) unassigned!: number;
}

export class AssigneesView {
  @ListOf(() => AssigneeView, { description: 'least loaded first' }) agents!: AssigneeView[];
  @ListOf(() => AssigneeTeamView) teams!: AssigneeTeamView[];
}
