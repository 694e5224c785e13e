import { parseExecuteChain } from './methods/execute';
import { startVkEmulator, VkEmulator } from './index';

describe('VK emulator', () => {
  let emu: VkEmulator;
  let group: string;
  let service: string;

  beforeEach(async () => {
    emu = await startVkEmulator({ maxHoldMs: 300, seed: 3 });
    emu.control.community({ id: 42, name: 'Acme' });
    group = emu.control.token({ kind: 'group', groupId: 42, rps: 5 });
    service = emu.control.token({ kind: 'service' });
  });
  afterEach(() => emu.stop());

  async function call(method: string, params: Record<string, string | number>, token = group) {
    const body = new URLSearchParams({
      access_token: token,
      v: '5.199',
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    });
    const res = await fetch(`${emu.apiBaseUrl}/${method}`, { method: 'POST', body });
    return (await res.json()) as {
      response?: any;
      error?: { error_code: number; request_params: unknown[] };
      execute_errors?: any[];
    };
  }
  const lp = async (query: Record<string, string>) =>
    (await (
      await fetch(`${emu.url}/lp/42?${new URLSearchParams({ act: 'a_check', wait: '25', ...query })}`)
    ).json()) as any;

  it('validates like VK: v, token, token kind, from_group, random_id, message permission', async () => {
    const noV = (await (await fetch(`${emu.apiBaseUrl}/users.get?access_token=${group}`)).json()) as any;
    expect(noV.error.error_code).toBe(8);
    expect((await call('users.get', {}, 'nope')).error?.error_code).toBe(5);
    expect((await call('wall.get', { owner_id: -42 })).error?.error_code).toBe(27);
    expect(
      (await call('messages.send', { peer_id: 5, random_id: 1, message: 'x' }, service)).error?.error_code,
    ).toBe(28);
    const post = emu.control.post({ ownerId: -42, text: 'p' });
    expect(
      (await call('wall.createComment', { owner_id: -42, post_id: post.id, from_group: 43, message: 'x' }))
        .error?.error_code,
    ).toBe(15);
    expect((await call('messages.send', { peer_id: 5, message: 'x' })).error?.error_code).toBe(100);
    expect((await call('messages.send', { peer_id: 5, random_id: 1, message: 'x' })).error?.error_code).toBe(
      901,
    );
    const err = (await call('wall.get', { owner_id: -42 })).error!;
    expect(err.request_params).toContainEqual({ key: 'method', value: 'wall.get' });
    expect(JSON.stringify(err)).not.toContain(group); // the token is never echoed
  });

  it('accepts Authorization: Bearer and query parameters', async () => {
    const res = await fetch(`${emu.apiBaseUrl}/groups.getById?v=5.199`, {
      headers: { authorization: `Bearer ${group}` },
    });
    expect(((await res.json()) as any).response.groups[0].id).toBe(42);
  });

  it('answers error 6 above the token’s requests per second', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => call('users.get', { user_ids: 1 })));
    expect(answers.filter((a) => a.error?.error_code === 6)).toHaveLength(3);
  });

  it('random_id is unique per sender over the whole history; guid per post', async () => {
    emu.control.message({ groupId: 42, fromId: 5, text: 'hi' });
    const a = await call('messages.send', { peer_id: 5, random_id: 99, message: 'one' });
    const b = await call('messages.send', { peer_id: 5, random_id: 99, message: 'two' });
    expect(b.response).toBe(a.response);
    const post = emu.control.post({ ownerId: -42, text: 'p' });
    const c1 = await call('wall.createComment', { owner_id: -42, post_id: post.id, message: 'x', guid: 'g' });
    const c2 = await call('wall.createComment', { owner_id: -42, post_id: post.id, message: 'x', guid: 'g' });
    expect(c2.response).toEqual(c1.response);
    expect(emu.control.outbox()).toHaveLength(2);
  });

  it('execute runs vk-io chains, with false slots and execute_errors for inner failures', async () => {
    const post = emu.control.post({ ownerId: -42, text: 'p' });
    const code = `return [API.wall.getById({"posts":"-42_${post.id}"}),API.wall.getComments({"owner_id":-42,"post_id":999})];`;
    const res = await call('execute', { code }, service);
    expect(res.response[0].items[0].text).toBe('p');
    expect(res.response[1]).toBe(false);
    expect(res.execute_errors).toEqual([
      expect.objectContaining({ method: 'wall.getComments', error_code: 100 }),
    ]);
    expect((await call('execute', { code: 'var a = 1; return a;' }, service)).error?.error_code).toBe(12);
    expect(
      parseExecuteChain('return [API.users.get({"user_ids":"1,2","x":"a),b"}),API.users.get()];'),
    ).toEqual([
      { method: 'users.get', params: { user_ids: '1,2', x: 'a),b' } },
      { method: 'users.get', params: {} },
    ]);
    expect(() => parseExecuteChain(`return [${Array(26).fill('API.users.get({})').join(',')}];`)).toThrow(
      /too many/,
    );
  });

  it('Long Poll: ts semantics, holds, and failed 1/2/3', async () => {
    const server = (await call('groups.getLongPollServer', { group_id: 42 })).response;
    expect(server.server).toBe(`${emu.url}/lp/42`);
    const t0 = Date.now();
    const idle = await lp({ key: server.key, ts: server.ts });
    expect(idle).toEqual({ ts: server.ts, updates: [] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250); // held up to maxHoldMs
    const held = lp({ key: server.key, ts: server.ts });
    setTimeout(() => emu.control.message({ groupId: 42, fromId: 5, text: 'wake' }), 50);
    const woke = await held;
    expect(woke.updates).toHaveLength(1);
    expect(woke.updates[0]).toMatchObject({
      type: 'message_new',
      group_id: 42,
      v: '5.199',
      event_id: expect.any(String),
    });
    expect(Number(woke.ts)).toBe(Number(server.ts) + 1);
    expect((await lp({ key: server.key, ts: server.ts })).updates).toHaveLength(1); // an older ts replays retained events
    emu.control.truncateLp(42);
    expect(await lp({ key: server.key, ts: server.ts })).toEqual({ failed: 1, ts: woke.ts });
    emu.control.resetLp(42);
    expect(await lp({ key: server.key, ts: woke.ts })).toEqual({ failed: 3 });
    const fresh = (await call('groups.getLongPollServer', { group_id: 42 })).response;
    emu.control.expireLpKeys(42);
    expect(await lp({ key: fresh.key, ts: fresh.ts })).toEqual({ failed: 2 });
    expect(await lp({ key: 'bogus', ts: fresh.ts })).toEqual({ failed: 2 });
  });

  it('faults: raw 502 HTML, reset, and the HTTP control API', async () => {
    await fetch(`${emu.url}/__control/faults`, {
      method: 'POST',
      body: JSON.stringify({
        match: { method: 'users.get' },
        times: 1,
        action: { type: 'http', status: 502 },
      }),
    });
    const res = await fetch(`${emu.apiBaseUrl}/users.get`, {
      method: 'POST',
      body: new URLSearchParams({ access_token: group, v: '5.199' }),
    });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('<center>nginx</center>');
    emu.control.fault({ match: { method: 'users.get' }, times: 1, action: { type: 'reset' } });
    await expect(call('users.get', {})).rejects.toThrow();
    const comment = await fetch(`${emu.url}/__control/post`, {
      method: 'POST',
      body: JSON.stringify({ ownerId: -42, text: 'via http' }),
    });
    expect(((await comment.json()) as any).text).toBe('via http');
    const state = (await (await fetch(`${emu.url}/__control/state`)).json()) as any;
    expect(state.posts).toHaveLength(1);
    expect(JSON.stringify(state)).not.toContain(group);
    await fetch(`${emu.url}/__control/reset`, { method: 'POST' });
    expect((await call('users.get', {})).error?.error_code).toBe(5); // tokens are gone too
  });
});
