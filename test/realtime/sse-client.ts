/** A minimal EventSource for tests: fetch with a streaming body, the SSE wire format parsed. */
export interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  frames: SseFrame[];
  /** Inbox events (default `message` frames), data parsed. */
  events(): any[];
  waitFor(pred: (frames: SseFrame[]) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
  /** Called as each frame is parsed (a bench takes its timestamps here). */
  onFrame?: (f: SseFrame) => void,
): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  let endedResolve!: () => void;
  const ended = new Promise<void>((r) => (endedResolve = r));
  if (res.status !== 200 || !res.body) {
    await res.text().catch(() => undefined);
    endedResolve();
  } else {
    void (async () => {
      const decoder = new TextDecoder();
      let buf = '';
      try {
        for await (const chunk of res.body as any as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const f: SseFrame = { event: 'message', data: '' };
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const [k, ...rest] = line.split(':');
              const v = rest.join(':').replace(/^ /, '');
              if (k === 'id') f.id = v;
              else if (k === 'event') f.event = v;
              else if (k === 'data') data.push(v);
            }
            if (data.length === 0) continue;
            f.data = data.join('\n');
            frames.push(f);
            onFrame?.(f);
          }
          for (const w of waiters) w();
        }
      } catch {
        /* aborted */
      } finally {
        endedResolve();
        for (const w of waiters) w();
      }
    })();
  }
  return {
    status: res.status,
    frames,
    events: () => frames.filter((f) => f.event === 'message').map((f) => JSON.parse(f.data)),
    ended,
    close: () => controller.abort(),
    waitFor: (pred, timeoutMs = 10_000, what = 'events') =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pred(frames)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${frames.length} frames)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
