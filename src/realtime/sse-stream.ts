import type { Response } from 'express';

/** Bytes an idle-slow browser may owe us before its stream is cut (it resumes from Last-Event-ID). */
export const MAX_BUFFERED_BYTES = 1_000_000;

/**
 * One browser's Server-Sent Events stream on an Express response. Writes go straight to the
 * socket while it keeps up; when the socket is full (write() returned false) frames wait in
 * memory until 'drain', and a browser that falls MAX_BUFFERED_BYTES behind is disconnected
 * instead of growing our memory without bound (it reconnects and replays what it missed).
 */
export class SseStream {
  private queue: string[] = [];
  private queuedBytes = 0;
  private blocked = false;
  private closed = false;
  private readonly onClose: (() => void)[] = [];

  constructor(
    private readonly res: Response,
    private readonly maxBufferedBytes = MAX_BUFFERED_BYTES,
  ) {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no'); // a proxy must not sit on the frames
    res.socket?.setNoDelay(true);
    res.flushHeaders();
    const done = () => this.finish();
    res.on('close', done);
    res.on('error', done);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** An event: `id:` is what the browser sends back as Last-Event-ID. */
  event(data: unknown, opts: { id?: string; event?: string } = {}): void {
    let frame = '';
    if (opts.event) frame += `event: ${opts.event}\n`;
    if (opts.id) frame += `id: ${opts.id}\n`;
    frame += `data: ${JSON.stringify(data)}\n\n`;
    this.write(frame);
  }

  /** A comment line: keeps proxies and the browser from timing the connection out. */
  heartbeat(): void {
    this.write(`: ${Date.now()}\n\n`);
  }

  /** The browser's reconnect delay. */
  retry(ms: number): void {
    this.write(`retry: ${Math.round(ms)}\n\n`);
  }

  whenClosed(fn: () => void): void {
    if (this.closed) fn();
    else this.onClose.push(fn);
  }

  close(): void {
    if (this.closed) return;
    this.res.end();
    this.finish();
  }

  private write(frame: string): void {
    if (this.closed) return;
    if (this.blocked) {
      this.queue.push(frame);
      this.queuedBytes += Buffer.byteLength(frame);
      if (this.queuedBytes > this.maxBufferedBytes) this.abort();
      return;
    }
    if (!this.res.write(frame)) {
      this.blocked = true;
      this.res.once('drain', () => this.drain());
    }
  }

  private drain(): void {
    this.blocked = false;
    const frames = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    for (const f of frames) {
      if (this.closed) return;
      this.write(f);
    }
  }

  /** Too far behind: drop the buffer and the connection (the browser resumes from Last-Event-ID). */
  private abort(): void {
    this.queue = [];
    this.queuedBytes = 0;
    this.res.socket?.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    for (const fn of this.onClose.splice(0)) fn();
  }
}
