import { nextRequestId, pinoHttpOptions, pinoHttpParams } from './logging';

describe('request logs', () => {
  const config = { LOG_LEVEL: 'info' as const, NODE_ENV: 'production' as const };
  const isTTY = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  afterEach(() => {
    if (isTTY) Object.defineProperty(process.stdout, 'isTTY', isTTY);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  });
  const atTerminal = (tty: boolean) =>
    Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });

  it('are one line: method, path (no query), status and time; never the headers', () => {
    const o = pinoHttpOptions(config);
    const req = {
      id: 'r1',
      method: 'GET',
      url: '/api/conversations?q=secret+words',
      headers: { cookie: 'otklik_session=abc', authorization: 'Bearer t', 'user-agent': 'x' },
    };
    expect((o.serializers!.req as (r: unknown) => unknown)(req)).toEqual({
      id: 'r1',
      method: 'GET',
      url: '/api/conversations',
    });
    expect((o.serializers!.res as (r: unknown) => unknown)({ statusCode: 200, headers: { a: 1 } })).toEqual({
      statusCode: 200,
    });
    const message = (o.customSuccessMessage as (a: unknown, b: unknown, t: number) => string)(
      req,
      { statusCode: 200 },
      12.4,
    );
    expect(message).toBe('GET /api/conversations 200 12 ms');
  });

  it("carry the caller's X-Request-Id when it is sane, else one of this process's own", () => {
    const gen = pinoHttpOptions(config).genReqId as (req: unknown) => string;
    expect(gen({ headers: { 'x-request-id': 'abc-123.x' } })).toBe('abc-123.x');
    const ours = [gen({ headers: { 'x-request-id': 'bad id!' } }), gen({ headers: {} }), nextRequestId()];
    expect(new Set(ours).size).toBe(3);
    const prefix = ours[0].split('-')[0];
    for (const id of ours) expect(id).toMatch(new RegExp(`^${prefix}-[0-9a-z]+$`));
    expect(prefix).toMatch(/^[0-9a-f]{12}$/);
  });

  it('are pretty at a terminal and JSON otherwise, whatever NODE_ENV says', () => {
    atTerminal(true);
    const atTty = pinoHttpParams(config);
    expect(Array.isArray(atTty)).toBe(true); // options plus the pino-pretty stream
    expect(typeof (atTty as [unknown, { write?: unknown }])[1].write).toBe('function');
    atTerminal(false);
    expect(Array.isArray(pinoHttpParams(config))).toBe(false); // JSON on stdout
  });
});
