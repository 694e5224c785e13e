import { Writable } from 'node:stream';
import pino, { LoggerOptions } from 'pino';
import { pinoHttpOptions } from './logging';
import { REDACTED, redactSecrets } from './redact';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const logger = pino(
    pinoHttpOptions({ LOG_LEVEL: 'info', NODE_ENV: 'production' }) as LoggerOptions,
    stream,
  );
  return { logger, text: () => lines.join('') };
}

describe('log redaction', () => {
  it('removes secrets at any depth from a logged object', () => {
    const { logger, text } = capture();
    logger.info(
      {
        password: 'pw-1',
        user: { email: 'a@b.c', password: 'pw-2', profile: { apiKey: 'key-3' } },
        source: { settings: { group: 1 }, credentials: { token: 'tok-4', access_token: 'tok-5' } },
        list: [{ refresh_token: 'tok-6' }, { deep: [{ client_secret: 'sec-7' }] }],
        req: {
          headers: { cookie: 'otklik_session=cookie-8', authorization: 'Bearer auth-9', accept: 'json' },
        },
        secret: 'sec-10',
        Authorization: 'Basic auth-11',
        // Slack incoming-webhook addresses are secrets (the path is the key)
        rule: { webhookUrl: 'https://hooks.slack.com/services/T/B/hook-12', leadWebhookUrl: 'hook-13' },
        SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/hook-14',
      },
      'connector sync',
    );
    const out = text();
    for (let i = 1; i <= 14; i++) expect(out).not.toMatch(new RegExp(`-${i}\\b`));
    const record = JSON.parse(out);
    expect(record.user.email).toBe('a@b.c');
    expect(record.source.settings).toEqual({ group: 1 });
    expect(record.source.credentials).toBe(REDACTED);
    // a request is logged as its method and path only: no headers at all
    expect(record.req.headers).toBeUndefined();
    expect(record.msg).toBe('connector sync');
  });

  it('redacts inside errors, including an HTTP client error carrying the request config', () => {
    const { logger, text } = capture();
    const config = {
      url: 'https://api.vk.ru/method/wall.get',
      headers: { Authorization: 'Bearer vk-token-12' },
    };
    const err = Object.assign(new Error('request failed with 401'), {
      config,
      toJSON: (): object => ({ message: 'request failed with 401', config }),
    });
    logger.error({ err, context: { error: err } }, 'sync failed');
    const out = text();
    expect(out).not.toContain('vk-token-12');
    expect(out).toContain('request failed with 401');
    expect(out).toContain('wall.get');
  });

  it('handles cycles, buffers and depth without throwing', () => {
    const a: Record<string, unknown> = { name: 'a', token: 'x' };
    a.self = a;
    const out = redactSecrets({ a, buf: Buffer.alloc(3) }) as Record<string, any>;
    expect(out.a.self).toBe('[Circular]');
    expect(out.a.token).toBe(REDACTED);
    expect(out.buf).toBe('[Buffer 3 bytes]');
  });
});
