import { startTestApp, TestApp } from '../support/app';
import { ADMIN, Client, userWithRole } from './client';

/** @AcceptsBearerToken('METRICS_TOKEN'), exercised through GET /metrics (admin session or the token). */
describe('bearer tokens instead of a session', () => {
  const token = 'metrics-token-for-tests-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => t?.stop());

  const get = (path: string, authorization?: string) =>
    fetch(t.url + path, { headers: authorization ? { authorization } : {} });

  it('accepts the configured token on routes that opt in, and only there', async () => {
    expect((await get('/metrics', `Bearer ${token}`)).status).toBe(200);
    expect((await get('/metrics', `bearer ${token}`)).status).toBe(200);
    const wrong = await get('/metrics', `Bearer ${token}x`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ statusCode: 401 });
    expect((await get('/metrics', `Basic ${token}`)).status).toBe(401);
    expect((await get('/metrics')).status).toBe(401);
    // The metrics token is not a key to anything else.
    expect((await get('/api/users', `Bearer ${token}`)).status).toBe(401);
  });

  it('still takes an admin session, and still refuses an agent', async () => {
    const admin = new Client(t.url);
    await admin.login(ADMIN.email, ADMIN.password);
    expect((await admin.get('/metrics')).status).toBe(200);
    const agent = await userWithRole(t.url, admin, 'agent');
    expect((await agent.client.get('/metrics')).status).toBe(403);
  });
});
