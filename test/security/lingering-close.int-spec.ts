import { connect } from 'node:net';
import { LINGER } from '../../src/security/http-hardening';
import { startTestApp, TestApp } from '../support/app';

const KB = 1024;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Exchange {
  /** Everything the server sent, as text. */
  response: string;
  /** The socket error, e.g. ECONNRESET; undefined when the connection ended cleanly. */
  error?: string;
  /** Body bytes the client managed to write. */
  sent: number;
  /** When the server half-closed (FIN), in ms from the start. */
  finAfterMs?: number;
  /** When the connection was gone (both sides closed, or reset), in ms from the start. */
  closedAfterMs?: number;
  /** Body bytes written by the time the first byte of the answer had arrived. */
  firstResponseAtSent?: number;
}

/**
 * A client at the socket level: declares `declared` bytes, then writes `chunk`-byte pieces `gapMs`
 * apart until it has written `send` bytes (or the connection is gone), reading all along; it keeps
 * sending after the server's FIN (half-open), as a client that reads the answer only once its
 * upload is done would, and closes its side when done. Resolves when the connection is closed.
 */
function slowUpload(
  url: string,
  path: string,
  o: { declared: number | 'chunked'; send: number; chunk: number; gapMs: number },
): Promise<Exchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const out: Exchange = { response: '', sent: 0 };
    const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true });
    let open = true;
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (out.response += d));
    socket.on('end', () => (out.finAfterMs = performance.now() - started));
    socket.on('error', (e: NodeJS.ErrnoException) => (out.error = e.code ?? e.message));
    socket.on('close', () => {
      open = false;
      out.closedAfterMs = performance.now() - started;
      resolve(out);
    });
    socket.once('connect', async () => {
      const chunked = o.declared === 'chunked';
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
          (chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${o.declared}\r\n\r\n`),
      );
      while (open && out.sent < o.send) {
        const n = Math.min(o.chunk, o.send - out.sent);
        const piece = chunked
          ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), Buffer.alloc(n, 0x20), Buffer.from('\r\n')])
          : Buffer.alloc(n, 0x20);
        if (!socket.write(piece)) await new Promise((r) => socket.once('drain', r));
        out.sent += n;
        if (out.firstResponseAtSent === undefined && out.response) out.firstResponseAtSent = out.sent;
        await sleep(o.gapMs);
      }
      if (open && chunked) socket.write('0\r\n\r\n');
      if (open) socket.end();
    });
  });
}

/**
 * A body refused from its Content-Length is answered at once; the connection is then closed the
 * lingering way (our side half-closed, the rest of the body read and thrown away, then closed), so
 * the client reads the 413 however slowly it sends — and a client that never finishes is cut off
 * after LINGER.maxMs. (The health latency under a storm of such bodies: body-limits.int-spec.ts.)
 */
describe('413 from Content-Length: a lingering close, so the client always reads it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.stop());

  it('a client writing a 1 MB body slowly reads the 413, and the server closes after the body', async () => {
    const x = await slowUpload(t.url, '/api/auth/login', {
      declared: 1024 * KB,
      send: 1024 * KB,
      chunk: 32 * KB,
      gapMs: 40, // 32 pieces: about 1.3 s of writing after the answer came
    });
    expect(x.error).toBeUndefined();
    expect(x.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(x.response).toMatch(/\r\nconnection: close\r\n/i);
    expect(x.response).toMatch(/larger than 8 kB, the limit for POST \/api\/auth\/login/);
    expect(x.sent).toBe(1024 * KB);
    // the server half-closed right after its answer, kept reading the whole body, then closed
    expect(x.finAfterMs).toBeLessThan(1000);
    expect(x.closedAfterMs).toBeGreaterThan(1000);
    expect(x.closedAfterMs).toBeLessThan(LINGER.maxMs);
  });

  it('a client that never finishes its body is cut off after the cap, having read the 413', async () => {
    const x = await slowUpload(t.url, '/api/teams', {
      declared: 1024 * KB,
      send: 1024 * KB,
      chunk: 1 * KB,
      gapMs: 100, // would take 100 s
    });
    expect(x.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(x.sent).toBeLessThan(1024 * KB);
    expect(x.closedAfterMs).toBeGreaterThan(LINGER.maxMs * 0.8);
    expect(x.closedAfterMs).toBeLessThan(LINGER.maxMs + 3000);
  }, 30_000);

  it('a chunked body (no Content-Length) is answered 413 as it passes the limit, not when it ends', async () => {
    const x = await slowUpload(t.url, '/api/teams', {
      declared: 'chunked',
      send: 1024 * KB,
      chunk: 1 * KB,
      gapMs: 20, // 16 kB is passed after ~0.3 s; the whole body would take ~20 s
    });
    expect(x.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(x.response).toMatch(/larger than 16 kB, the limit for every other route/);
    expect(x.firstResponseAtSent).toBeLessThan(256 * KB);
    expect(x.sent).toBeLessThan(1024 * KB);
    expect(x.closedAfterMs).toBeLessThan(LINGER.maxMs + 3000);
  }, 30_000);

  it('a chunked body within the limit is read and parsed as before', async () => {
    const x = await slowUpload(t.url, '/api/auth/login', {
      declared: 'chunked',
      send: 2 * KB,
      chunk: 512,
      gapMs: 10,
    });
    // spaces only: valid length, not valid JSON — the parser saw all of it
    expect(x.response).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('a body declared beyond the lingering cap is refused and closed at once', async () => {
    const x = await slowUpload(t.url, '/api/teams', {
      declared: LINGER.maxBytes + 1,
      send: 64 * KB,
      chunk: 1 * KB,
      gapMs: 50,
    });
    expect(x.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(x.closedAfterMs).toBeLessThan(2000);
  });
});
