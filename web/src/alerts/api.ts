import { useQuery } from '@tanstack/react-query';
import { get, query, type Schemas } from '../api/client';

/**
 * The generated types say `Record<string, never>` for nullable scalars the server declares
 * without a type; these are the shapes as they are (strings or null).
 */
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
export type AlertView = Nullable<
  Schemas['AlertViewDto'],
  'ruleId' | 'ruleName' | 'parentId' | 'lastError' | 'resolvedAt' | 'sentAt'
> & { allClear?: { id: string; state: string; sentAt: string | null } | null };
export type Delivery = Nullable<
  Schemas['DeliveryAttemptDto'],
  'worker' | 'finishedAt' | 'outcome' | 'error'
> & {
  httpStatus: number | null;
};
export type AlertDetail = Omit<AlertView, never> & {
  deliveries: Delivery[];
  message: Record<string, unknown>;
};
export type AlertRule = Omit<Schemas['AlertRuleViewDto'], 'sourceId'> & { sourceId: string | null };
export type TestResult = Schemas['TestResultDto'];

export const ALERT_STATES = ['fired', 'sending', 'sent', 'logged', 'failed', 'unknown', 'resolved'] as const;
export const ALERT_KINDS = [
  'negative_spike',
  'term_surge',
  'tag_surge',
  'high_reach',
  'sla',
  'sla_escalation',
  'source_health',
] as const;

export const alertKeys = {
  all: ['alerts'] as const,
  list: (state: string, kind: string, limit: number) => ['alerts', 'list', state, kind, limit] as const,
  detail: (id: string) => ['alerts', 'detail', id] as const,
  rules: ['alert-rules'] as const,
  defaults: ['alert-rules', 'defaults'] as const,
};

/** Alerts change by themselves (delivery, all-clears): the list refreshes every few seconds. */
const REFRESH_MS = 5000;

export function useAlerts(state: string, kind: string, limit: number) {
  return useQuery({
    queryKey: alertKeys.list(state, kind, limit),
    queryFn: ({ signal }) =>
      get<{ alerts: AlertView[]; next: string | null }>(`/api/alerts${query({ state, kind, limit })}`, {
        signal,
      }),
    refetchInterval: REFRESH_MS,
  });
}

export function useAlert(id: string | undefined) {
  return useQuery({
    queryKey: alertKeys.detail(id ?? ''),
    queryFn: ({ signal }) => get<AlertDetail>(`/api/alerts/${id}`, { signal }),
    enabled: !!id,
    refetchInterval: REFRESH_MS,
  });
}

export function useRules() {
  return useQuery({ queryKey: alertKeys.rules, queryFn: () => get<AlertRule[]>('/api/alert-rules') });
}

export function useRuleDefaults() {
  return useQuery({
    queryKey: alertKeys.defaults,
    queryFn: () => get<Record<string, Record<string, unknown>>>('/api/alert-rules/defaults'),
    staleTime: Infinity,
  });
}
