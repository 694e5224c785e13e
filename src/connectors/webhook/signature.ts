import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-otklik-signature';
export const TIMESTAMP_HEADER = 'x-otklik-timestamp';
/** A signed timestamp older or newer than this is refused (replays of captured requests). */
export const REPLAY_WINDOW_SECONDS = 300;

/**
 * `sha256=<hex HMAC-SHA256>` of the raw body; with a timestamp header the signed message is
 * `<timestamp>.<raw body>` so the timestamp cannot be changed without the secret.
 */
export function signWebhook(secret: string, rawBody: Buffer | string, timestamp?: string): string {
  const mac = createHmac('sha256', secret);
  if (timestamp !== undefined) mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function checkWebhookSignature(
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
  nowMs = Date.now(),
): SignatureCheck {
  if (!signature) return { ok: false, reason: 'missing X-Otklik-Signature' };
  if (timestamp !== undefined) {
    if (!/^\d{1,12}$/.test(timestamp))
      return { ok: false, reason: 'X-Otklik-Timestamp must be Unix seconds' };
    if (Math.abs(nowMs / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
      return { ok: false, reason: 'X-Otklik-Timestamp is outside the replay window' };
    }
  }
  const expected = Buffer.from(signWebhook(secret, rawBody, timestamp));
  const given = Buffer.from(signature.trim());
  // constant time: the lengths of a well-formed signature are public anyway
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
