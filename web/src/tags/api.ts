import { useQuery } from '@tanstack/react-query';
import { get, type Schemas } from '../api/client';

export type Tag = Schemas['TagView'];
export type ConversationTag = Schemas['ConversationTagView'];
export type TagRule = Schemas['TagRuleView'];
export type Assignees = Schemas['AssigneesView'];
export type BulkOutcome = Schemas['BulkOutcomeView'];
export type BulkAction = Schemas['BulkOutcomeView']['action'];

export const tagKeys = {
  tags: ['tags'] as const,
  rules: ['tags', 'rules'] as const,
  assignees: ['inbox', 'assignees'] as const,
};

export function useTags() {
  return useQuery({ queryKey: tagKeys.tags, queryFn: () => get<Tag[]>('/api/tags'), staleTime: 60_000 });
}

export function useTagRules() {
  return useQuery({ queryKey: tagKeys.rules, queryFn: () => get<TagRule[]>('/api/tags/rules') });
}

/** Who can take a conversation and their load now: fetched when the picker is used. */
export function useAssignees(enabled: boolean) {
  return useQuery({
    queryKey: tagKeys.assignees,
    queryFn: () => get<Assignees>('/api/inbox/assignees'),
    enabled,
    staleTime: 15_000,
  });
}
