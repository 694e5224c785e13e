import { EventEmitter } from 'node:events';
import { APIError } from 'vk-io';
import { TelegramError } from 'telegraf';
import { ConnectorError } from '../connectors/connector';
import { Metrics } from './metrics.service';
import { RejectionGuard } from './unhandled-rejections';

function setup() {
  const logged: Array<{ level: string; msg: string; err: Error }> = [];
  const exits: number[] = [];
  const guard = new RejectionGuard(
    {
      warn: (obj, msg) => logged.push({ level: 'warn', msg, err: (obj as { err: Error }).err }),
      fatal: (obj, msg) => logged.push({ level: 'fatal', msg, err: (obj as { err: Error }).err }),
    },
    (code) => exits.push(code),
  );
  const proc = new EventEmitter();
  const uninstall = guard.install(proc as unknown as NodeJS.Process);
  return { guard, proc, logged, exits, uninstall };
}

async function counted(metrics: Metrics, kind: string): Promise<number> {
  const m = await metrics.registry.getSingleMetric('otklik_unhandled_rejections_total')!.get();
  return m.values.find((v) => v.labels.kind === kind)?.value ?? 0;
}

describe('RejectionGuard', () => {
  it('keeps running on a connector’s error (ours or a platform client’s), logging and counting it', async () => {
    const { proc, guard, logged, exits } = setup();
    const metrics = new Metrics();
    guard.attach(metrics);
    proc.emit('unhandledRejection', new ConnectorError('temporary', 'VK error 10'));
    proc.emit(
      'unhandledRejection',
      new APIError({ error_code: 10, error_msg: 'Internal', request_params: [] }),
    );
    proc.emit('unhandledRejection', new TelegramError({ error_code: 502, description: 'Bad Gateway' }));
    expect(exits).toEqual([]);
    expect(logged.map((l) => l.level)).toEqual(['warn', 'warn', 'warn']);
    expect(logged[0].err.message).toBe('VK error 10');
    expect(await counted(metrics, 'connector')).toBe(3);
    expect(await counted(metrics, 'other')).toBe(0);
  });

  it('exits 1 on anything else (a bug), after logging and counting it', async () => {
    const { proc, guard, logged, exits } = setup();
    const metrics = new Metrics();
    guard.attach(metrics);
    proc.emit('unhandledRejection', new TypeError("Cannot read properties of undefined (reading 'id')"));
    proc.emit('unhandledRejection', 'a string');
    expect(exits).toEqual([1, 1]);
    expect(logged.map((l) => l.level)).toEqual(['fatal', 'fatal']);
    expect(logged[1].err.message).toBe('a string');
    expect(await counted(metrics, 'other')).toBe(2);
  });

  it('counts what happened before the registry existed, and can be uninstalled', async () => {
    const { proc, guard, uninstall, exits } = setup();
    proc.emit('unhandledRejection', new ConnectorError('rate_limited', 'slow down'));
    const metrics = new Metrics();
    guard.attach(metrics);
    expect(await counted(metrics, 'connector')).toBe(1);
    uninstall();
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
    expect(exits).toEqual([]);
  });
});
