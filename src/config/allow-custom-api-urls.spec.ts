import { allowsCustomApiUrls, loadConfig } from './config';

describe('ALLOW_CUSTOM_API_URLS', () => {
  const config = (env: Record<string, string>) => allowsCustomApiUrls(loadConfig(env, '/nonexistent'));

  it('is off for a real deployment and on for demo mode and tests (the emulators)', () => {
    expect(config({ NODE_ENV: 'production', DEMO: 'false' })).toBe(false);
    expect(config({ NODE_ENV: 'development', DEMO: 'false' })).toBe(false);
    expect(config({ NODE_ENV: 'production' })).toBe(true); // DEMO unset means demo mode
    expect(config({ NODE_ENV: 'production', DEMO: 'true' })).toBe(true);
    expect(config({ NODE_ENV: 'test', DEMO: 'false' })).toBe(true);
  });

  it('cannot be off in demo mode, whose sources are local emulators', () => {
    for (const env of [{}, { DEMO: 'true' }]) {
      expect(() => loadConfig({ ...env, ALLOW_CUSTOM_API_URLS: 'false' }, '/nonexistent')).toThrow(
        'Invalid configuration: ALLOW_CUSTOM_API_URLS cannot be false in demo mode',
      );
    }
  });

  it('follows an explicit setting either way', () => {
    expect(config({ NODE_ENV: 'test', DEMO: 'false', ALLOW_CUSTOM_API_URLS: 'false' })).toBe(false);
    expect(config({ NODE_ENV: 'production', DEMO: 'false', ALLOW_CUSTOM_API_URLS: 'true' })).toBe(true);
    expect(() => loadConfig({ ALLOW_CUSTOM_API_URLS: 'maybe' }, '/nonexistent')).toThrow(
      'Invalid configuration: ALLOW_CUSTOM_API_URLS must be true or false',
    );
  });
});
