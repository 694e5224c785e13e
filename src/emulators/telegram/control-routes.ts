import { TelegramControl } from './control';

type Route = (body: any, query: URLSearchParams, param?: string) => unknown;

/**
 * `/__control/*` over HTTP, for the demo and for tools outside the process. Tests in the
 * same process call `TelegramControl` directly.
 */
export function controlRoutes(control: TelegramControl): Record<string, Route> {
  return {
    'POST send': (b) => control.send(b),
    'POST edit': (b) => control.edit(b),
    'POST channel_post': (b) => control.channelPost(b),
    'POST comment': (b) => control.comment(b),
    'POST react': (b) => control.react(b),
    'POST business_connection': (b) => control.connectBusiness(b),
    'POST business_message': (b) => control.businessMessage(b),
    'POST business_owner_message': (b) => control.businessOwnerMessage(b),
    'POST topic': (b) => control.createTopic(b),
    'POST bots': (b) => control.addBot(b),
    'POST bots/:token/privacy': (b, _q, token) => control.setPrivacy(token!, b.enabled !== false),
    'POST bots/:token/admin': (b, _q, token) => control.setAdmin(token!, b),
    'POST chats': (b) => control.upsertChat(b),
    'POST block': (b) => control.block(b),
    'GET outbox': (_b, q) =>
      control.outbox({ chat_id: q.get('chat_id') ?? undefined, method: q.get('method') ?? undefined }),
    'POST faults': (b) => control.addFault(b),
    'GET faults': () => control.faults(),
    'DELETE faults': () => (control.clearFaults(), { ok: true }),
    'POST clock': (b) => control.advanceClock(Number(b.advanceMs ?? 0)),
    'POST limits': (b) => control.setLimits(b.enabled !== false),
    'GET requests': (_b, q) => control.requests({ method: q.get('method') ?? undefined }),
    'DELETE requests': () => (control.clearRequests(), { ok: true }),
    'GET state': () => control.snapshot(),
    'POST reset': () => (control.reset(), { ok: true }),
  };
}

/** Finds the route for `METHOD path` (path without the `/__control/` prefix). */
export function matchControl(
  routes: Partial<Record<string, Route>>,
  method: string,
  path: string,
): { route: Route; param?: string } | undefined {
  const direct: Route | undefined = routes[`${method} ${path}`];
  if (direct) return { route: direct };
  const m = /^bots\/([^/]+)\/(privacy|admin)$/.exec(path);
  if (m) {
    const route: Route | undefined = routes[`${method} bots/:token/${m[2]}`];
    if (route) return { route, param: decodeURIComponent(m[1]) };
  }
  return undefined;
}
