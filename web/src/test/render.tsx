import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import type { Me } from '../api/client';
import { SessionContext } from '../app/session';
import { i18n } from '../i18n';
import { ToastProvider } from '../ui/toasts';

export const AGENT: Me = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'agent@otklik.test',
  name: 'Анна',
  role: 'agent',
  isLead: false,
  locale: 'ru',
};

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
}

/** The app's providers around a component: i18n, query cache, router, session, toasts. */
export function renderApp(
  ui: ReactNode,
  {
    me = AGENT,
    qc = testQueryClient(),
    path = '/',
    route = '*',
  }: { me?: Me; qc?: QueryClient; path?: string; route?: string } = {},
) {
  const view = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={qc}>
        <MemoryRouter initialEntries={[path]}>
          <SessionContext.Provider value={{ me, signOut: vi.fn(), update: vi.fn() }}>
            <ToastProvider>
              <Routes>
                <Route path={route} element={ui} />
              </Routes>
            </ToastProvider>
          </SessionContext.Provider>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...view, qc };
}

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The browser's network for component tests: answers by "METHOD /path" (query string included
 * when the key has one), records every call. A handler returning an Error simulates a network
 * failure; a `{ status, body }` object sets the status.
 */
export function mockNetwork(handlers: Record<string, (call: Call) => unknown>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const call: Call = {
      method,
      path: url.pathname + url.search,
      headers,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const handler =
      handlers[`${method} ${url.pathname}${url.search}`] ?? handlers[`${method} ${url.pathname}`];
    if (!handler) return new Response(JSON.stringify({ message: 'not mocked' }), { status: 404 });
    const out = handler(call);
    if (out instanceof Error) throw new TypeError('Failed to fetch');
    const { status = 200, body } =
      out && typeof out === 'object' && 'status' in out
        ? (out as { status: number; body?: unknown })
        : { body: out };
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
