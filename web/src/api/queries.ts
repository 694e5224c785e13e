import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import {
  get,
  query,
  type ConversationDetails,
  type ConversationStatus,
  type Labels,
  type QueueRow,
  type Schemas,
  type SessionInfo,
  type Source,
  type Team,
  type Template,
  type User,
} from './client';

export const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];
/** The queue's tabs: each status, and every conversation (status=all). */
export type QueueStatus = ConversationStatus | 'all';
export const TABS: readonly QueueStatus[] = [...STATUSES, 'all'];
export const WHO = ['all', 'mine', 'unassigned'] as const;
export type Who = (typeof WHO)[number];
export interface QueueFilter {
  status: QueueStatus;
  who: Who;
  /** Search words and filters (inbox/search/queue-filters.ts), as the API names them. */
  filters?: Partial<Record<string, string>>;
}
export const QUEUE_PAGE = 50;
export const QUEUE_MAX = 200;

/** Query keys: the realtime cache logic (realtime/cache.ts) finds entries by these. */
export const keys = {
  me: ['me'] as const,
  labels: ['labels'] as const,
  queues: ['queue'] as const,
  queue: (f: QueueFilter, limit: number, extra: Record<string, string> = {}) =>
    ['queue', f.status, f.who, limit, JSON.stringify({ ...f.filters, ...extra })] as const,
  conversations: ['conversation'] as const,
  conversation: (id: string) => ['conversation', id] as const,
  templates: ['templates'] as const,
  users: ['users'] as const,
  teams: ['teams'] as const,
  sources: ['sources'] as const,
  sla: ['sla-policies'] as const,
  audit: (q: string) => ['audit', q] as const,
};

/** `extra`: filters a link brought (inbox/link-filter.ts), in the API's own names. */
export function queuePath(f: QueueFilter, limit: number, extra: Record<string, string> = {}): string {
  return `/api/conversations${query({
    status: f.status,
    limit: Math.min(limit, QUEUE_MAX),
    assignee: f.who === 'all' ? undefined : f.who === 'mine' ? 'me' : 'unassigned',
    ...f.filters,
    ...extra,
  })}`;
}

/** While the live stream is down, queries poll every this often. */
export const POLL_MS = 5000;

export function useQueue(f: QueueFilter, limit: number, live: boolean, extra: Record<string, string> = {}) {
  return useQuery({
    queryKey: keys.queue(f, limit, extra),
    queryFn: ({ signal }) => get<Schemas['QueuePageView']>(queuePath(f, limit, extra), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? false : POLL_MS,
  });
}

export function useConversation(id: string | undefined, live: boolean) {
  return useQuery({
    queryKey: keys.conversation(id ?? ''),
    queryFn: ({ signal }) =>
      get<ConversationDetails>(`/api/conversations/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
    refetchInterval: live ? false : POLL_MS,
    retry: (n, err) => n < 2 && !isClientError(err),
  });
}

export function useLabels() {
  return useQuery({
    queryKey: keys.labels,
    queryFn: () => get<Labels>('/api/analysis/labels'),
    staleTime: Infinity,
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: keys.templates,
    queryFn: () => get<Template[]>('/api/templates'),
    staleTime: 60_000,
  });
}

/** Admins may list people, so the UI can name assignees; others see "another agent". */
export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => get<User[]>('/api/users'),
    enabled,
    staleTime: 60_000,
  });
}

export function useTeams() {
  return useQuery({ queryKey: keys.teams, queryFn: () => get<Team[]>('/api/teams'), staleTime: 60_000 });
}

export function useSources(enabled = true) {
  return useQuery({ queryKey: keys.sources, queryFn: () => get<Source[]>('/api/sources'), enabled });
}

export const fetchMe = () => get<SessionInfo>('/api/auth/me', { quiet401: true });
/** The same question, but a 401 signs the app out (whenUnauthorized). */
export const checkSession = () => get<SessionInfo>('/api/auth/me');

function isClientError(err: unknown): boolean {
  const s = (err as { status?: number })?.status;
  return typeof s === 'number' && s >= 400 && s < 500;
}

/** Rows of every cached queue page, for keyboard navigation and cache updates. */
export function cachedQueueRows(qc: QueryClient): QueueRow[] {
  return qc
    .getQueriesData<Schemas['QueuePageView']>({ queryKey: keys.queues })
    .flatMap(([, page]) => page?.conversations ?? []);
}
