import { ApiUrlPolicy, endpointProblem, movedEndpoints } from './api-endpoints';

const VK = { apiBaseUrl: ['api.vk.com', 'api.vk.ru'] };
const strict = new ApiUrlPolicy(false);
const custom = new ApiUrlPolicy(true);

describe('API addresses a source may send its token to', () => {
  it('accepts the platform hosts over https, and no address at all (the default)', () => {
    for (const apiBaseUrl of [
      'https://api.vk.com/method',
      'https://api.vk.ru/method',
      'https://API.VK.COM/method/',
    ]) {
      expect(endpointProblem(VK, { apiBaseUrl }, strict)).toBeNull();
    }
    expect(endpointProblem(VK, {}, strict)).toBeNull();
    expect(endpointProblem(VK, { apiBaseUrl: null }, strict)).toBeNull();
    expect(endpointProblem(undefined, { apiBaseUrl: 'http://127.0.0.1:5432' }, strict)).toBeNull();
  });

  it('refuses other hosts, ports and plain http unless custom URLs are allowed', () => {
    for (const apiBaseUrl of [
      'http://127.0.0.1:5432/method',
      'http://localhost/method',
      'https://169.254.169.254/latest',
      'https://api.vk.com.evil.example/method',
      'https://api.vk.com:8443/method',
      'http://api.vk.com/method',
      'https://[::1]/method',
    ]) {
      expect(endpointProblem(VK, { apiBaseUrl }, strict)).toBe(
        'settings.apiBaseUrl must be an https URL on api.vk.com or api.vk.ru; other addresses are refused unless ALLOW_CUSTOM_API_URLS=true',
      );
      expect(endpointProblem(VK, { apiBaseUrl }, custom)).toBeNull();
    }
  });

  it('refuses what is not an http(s) URL, or carries a password, even with custom URLs allowed', () => {
    for (const apiBaseUrl of ['file:///etc/passwd', 'gopher://x', 'not a url', 42, {}]) {
      expect(endpointProblem(VK, { apiBaseUrl }, custom)).toBe('settings.apiBaseUrl must be an http(s) URL');
    }
    expect(endpointProblem(VK, { apiBaseUrl: 'https://u:p@api.vk.com/method' }, custom)).toBe(
      'settings.apiBaseUrl must not contain a user name or password',
    );
  });

  it('tells which addresses moved, ignoring a trailing slash', () => {
    const a = 'http://127.0.0.1:3000/method';
    expect(movedEndpoints(VK, { apiBaseUrl: a }, { apiBaseUrl: `${a}/`, groupId: 2 })).toEqual([]);
    expect(movedEndpoints(VK, { apiBaseUrl: a }, { apiBaseUrl: 'http://127.0.0.1:3001/method' })).toEqual([
      'apiBaseUrl',
    ]);
    expect(movedEndpoints(VK, { apiBaseUrl: a }, {})).toEqual(['apiBaseUrl']);
    expect(movedEndpoints(VK, {}, { apiBaseUrl: a })).toEqual(['apiBaseUrl']);
    expect(movedEndpoints(undefined, {}, { apiBaseUrl: a })).toEqual([]);
  });
});
