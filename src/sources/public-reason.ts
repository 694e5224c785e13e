import type { ConnectorError, ConnectorErrorCode } from '../connectors/connector';

/**
 * What people see of a connector failure (the 422 of create/update/verify, a source's
 * statusReason): our own words for the outcome, never the remote side's text — a body, an error
 * page or a network message could carry internal host names, ports or whatever an unknown server
 * chose to say. A connector's own messages (no `cause`) are already our words and pass as they are.
 * The platform's numeric error code (VK API code, Telegram HTTP status) is kept, named after the
 * platform ("VK error 5"): it is what its documentation is indexed by.
 */
const REASONS: Record<ConnectorErrorCode, string> = {
  auth_revoked: 'the platform refused the credentials (revoked, expired or wrong token)',
  configuration: 'the platform refused the request: check the token type, its permissions and the settings',
  rate_limited: 'the platform is limiting requests; trying again later',
  temporary: 'the platform API could not be reached or failed; trying again later',
  bad_cursor: 'the platform no longer accepts the stored position',
  unknown_outcome: 'no answer from the platform API after the request was sent',
  rejected: 'the platform refused the request',
  unsupported: 'this cannot be done from Otklik for this item or with these credentials',
};

export function publicReason(err: ConnectorError, platform = 'platform'): string {
  if (err.cause === undefined) return err.message;
  const code = (err.cause as { code?: unknown } | null)?.code;
  const suffix = typeof code === 'number' && Number.isInteger(code) ? ` (${platform} error ${code})` : '';
  return `${REASONS[err.code] ?? REASONS.rejected}${suffix}`;
}
