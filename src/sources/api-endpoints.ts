/**
 * Where a source's credentials are sent (pure). Each connector names the settings that hold an
 * API address and the platform's own hosts (`Connector.apiEndpoints`). Only those hosts, over
 * https, are accepted unless custom API URLs are allowed (ALLOW_CUSTOM_API_URLS: demo mode and
 * tests, for the local emulators) — so an admin form cannot make Otklik probe internal ports or
 * carry a token to a host of someone's choosing. Moving a token to another address also needs
 * the token typed again (see `movedEndpoints`).
 */
export type ApiEndpoints = Readonly<Record<string, readonly string[]>>;

/** Set once from the configuration (SourcesModule). */
export class ApiUrlPolicy {
  constructor(readonly allowCustom: boolean) {}
}

/** What is wrong with the API addresses in `settings`, as one sentence for a 400, or null. */
export function endpointProblem(
  endpoints: ApiEndpoints | undefined,
  settings: Record<string, unknown>,
  policy: ApiUrlPolicy,
): string | null {
  for (const [key, hosts] of Object.entries(endpoints ?? {})) {
    const value = settings[key];
    if (value === undefined || value === null) continue; // the platform's default
    const url = typeof value === 'string' ? parseUrl(value) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return `settings.${key} must be an http(s) URL`;
    }
    if (url.username || url.password) return `settings.${key} must not contain a user name or password`;
    if (policy.allowCustom) continue;
    if (url.protocol !== 'https:' || url.port !== '' || !hosts.includes(url.hostname)) {
      return (
        `settings.${key} must be an https URL on ${hosts.join(' or ')}; other addresses are ` +
        `refused unless ALLOW_CUSTOM_API_URLS=true`
      );
    }
  }
  return null;
}

/** The API-address settings whose value differs between two settings objects. */
export function movedEndpoints(
  endpoints: ApiEndpoints | undefined,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  return Object.keys(endpoints ?? {}).filter((key) => normal(before[key]) !== normal(after[key]));
}

function normal(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim().replace(/\/+$/, '');
}

function parseUrl(v: string): URL | undefined {
  try {
    return new URL(v);
  } catch {
    return undefined;
  }
}
