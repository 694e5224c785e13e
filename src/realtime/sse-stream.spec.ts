import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { SseStream } from './sse-stream';

/** A response whose socket accepts `room` more bytes before write() reports it is full. */
class FakeResponse extends EventEmitter {
  written: string[] = [];
  ended = false;
  destroyed = false;
  headers: Record<string, string> = {};
  socket = { setNoDelay: () => undefined, destroy: () => void (this.destroyed = true) };
  constructor(public room = Infinity) {
    super();
  }
  status() {
    return this;
  }
  setHeader(k: string, v: string) {
    this.headers[k.toLowerCase()] = v;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.written.push(chunk);
    this.room -= Buffer.byteLength(chunk);
    return this.room > 0;
  }
  end() {
    this.ended = true;
    this.emit('close');
  }
  /** The client read everything: the socket drains. */
  drainAll() {
    this.room = Infinity;
    this.emit('drain');
  }
}

const stream = (res: FakeResponse, max?: number) => new SseStream(res as unknown as Response, max);

describe('SseStream', () => {
  it('writes SSE frames with id, event and JSON data, and the stream headers', () => {
    const res = new FakeResponse();
    const s = stream(res);
    s.retry(1000);
    s.event({ a: 1 }, { id: '7' });
    s.event({ reason: 'x' }, { event: 'reset' });
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['x-accel-buffering']).toBe('no');
    expect(res.written).toEqual([
      'retry: 1000\n\n',
      'id: 7\ndata: {"a":1}\n\n',
      'event: reset\ndata: {"reason":"x"}\n\n',
    ]);
  });

  it('holds frames while the socket is full and sends them in order on drain', () => {
    const res = new FakeResponse(30);
    const s = stream(res);
    for (let i = 1; i <= 5; i++) s.event({ i }, { id: String(i) });
    expect(res.written.length).toBeLessThan(5); // the rest wait in memory
    res.drainAll();
    expect(res.written.map((f) => /id: (\d+)/.exec(f)![1])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('cuts a browser that falls too far behind instead of buffering without bound', () => {
    const res = new FakeResponse(10);
    const s = stream(res, 1000);
    let closed = false;
    s.whenClosed(() => (closed = true));
    for (let i = 0; i < 100; i++) s.event({ pad: 'x'.repeat(50) }, { id: String(i + 1) });
    expect(res.destroyed).toBe(true);
    expect(closed).toBe(true);
    expect(s.isClosed).toBe(true);
    const before = res.written.length;
    s.event({ late: true });
    expect(res.written.length).toBe(before); // nothing more is written or queued
  });

  it('runs close hooks once, when the browser goes away', () => {
    const res = new FakeResponse();
    const s = stream(res);
    let n = 0;
    s.whenClosed(() => n++);
    res.emit('close');
    res.emit('close');
    s.close();
    expect(n).toBe(1);
  });
});
