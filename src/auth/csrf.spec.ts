import { csrfTokenMatches, isUnsafeMethod, sameOriginOrAbsent } from './csrf';
import { cookieIsSecure } from './session-cookie';

describe('CSRF', () => {
  it('treats POST, PUT, PATCH and DELETE as writes', () => {
    for (const m of ['POST', 'put', 'PATCH', 'DELETE']) expect(isUnsafeMethod(m)).toBe(true);
    for (const m of ['GET', 'HEAD', 'OPTIONS']) expect(isUnsafeMethod(m)).toBe(false);
  });

  it('accepts only the exact session token in a single header', () => {
    expect(csrfTokenMatches('tok', 'tok')).toBe(true);
    expect(csrfTokenMatches('tok2', 'tok')).toBe(false);
    expect(csrfTokenMatches(undefined, 'tok')).toBe(false);
    expect(csrfTokenMatches(['tok', 'tok'], 'tok')).toBe(false);
  });
});

describe('login origin check', () => {
  const host = 'otklik.example.com';
  it('passes when the browser sends neither Origin nor Referer (API clients)', () => {
    expect(sameOriginOrAbsent(undefined, undefined, host)).toBe(true);
  });
  it('passes our own host, by Origin or by Referer', () => {
    expect(sameOriginOrAbsent('https://otklik.example.com', undefined, host)).toBe(true);
    expect(sameOriginOrAbsent(undefined, 'https://OTKLIK.example.com/login?next=/', host)).toBe(true);
  });
  it('passes the PUBLIC_URL host behind a proxy that rewrites Host', () => {
    expect(
      sameOriginOrAbsent('https://care.example.com', undefined, '10.0.0.5:3000', 'https://care.example.com/'),
    ).toBe(true);
  });
  it('refuses other sites, other ports, "null" and garbage; Origin wins over Referer', () => {
    expect(sameOriginOrAbsent('https://evil.example', undefined, host)).toBe(false);
    expect(sameOriginOrAbsent('https://otklik.example.com:8443', undefined, host)).toBe(false);
    expect(sameOriginOrAbsent('null', undefined, host)).toBe(false);
    expect(sameOriginOrAbsent('%%%', undefined, host)).toBe(false);
    expect(sameOriginOrAbsent('https://evil.example', 'https://otklik.example.com/', host)).toBe(false);
  });
});

describe('session cookie', () => {
  it('is Secure when COOKIE_SECURE says so, else when PUBLIC_URL is https', () => {
    expect(cookieIsSecure({ COOKIE_SECURE: undefined, PUBLIC_URL: undefined })).toBe(false);
    expect(cookieIsSecure({ COOKIE_SECURE: undefined, PUBLIC_URL: 'https://otklik.example.com' })).toBe(true);
    expect(cookieIsSecure({ COOKIE_SECURE: undefined, PUBLIC_URL: 'http://localhost:3000' })).toBe(false);
    expect(cookieIsSecure({ COOKIE_SECURE: false, PUBLIC_URL: 'https://otklik.example.com' })).toBe(false);
    expect(cookieIsSecure({ COOKIE_SECURE: true, PUBLIC_URL: undefined })).toBe(true);
  });
});
