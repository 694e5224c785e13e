import { randomBytes } from 'node:crypto';
import type { UserRole } from '../../src/users/user.types';
import type { NestRouteMeta } from '../auth/routes';

export type Role = UserRole | 'anonymous';

/** Who can get past the guard on a route (the roles the hostile input is sent as). */
export function reachableRoles(meta: NestRouteMeta | undefined): Role[] {
  if (!meta || meta.isPublic) return ['anonymous'];
  // A 'lead' route always names admin too, and a lead's requests reach the same code as the
  // admin's: the fuzz sends as the roles only.
  return meta.roles?.length
    ? meta.roles.filter((r): r is UserRole => r !== 'lead')
    : ['admin', 'agent', 'analyst'];
}

const nested = (depth: number, leaf: unknown = 'x'): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};
const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

/** A class of hostile input: its values, and whether every route must refuse it with a 4xx. */
export interface HostileClass {
  name: string;
  values: unknown[];
  /** No route may accept it (it cannot be stored, or it is over a limit): 4xx, never 2xx. */
  alwaysRefused: boolean;
}

/** One property of an otherwise valid body replaced by each of these. */
export const BODY_CLASSES: HostileClass[] = [
  { name: 'NUL', values: ['a\u0000b', '\u0000', ['ok', 'x\u0000']], alwaysRefused: true },
  {
    name: 'lone surrogate',
    values: ['a\ud800b', '\udc00', 'end\ud83d', { note: 'x\udfff' }],
    alwaysRefused: true,
  },
  {
    name: 'NUL or surrogate in a key',
    values: [{ 'a\u0000': 1 }, { ['\ud800']: 'x' }, { a: [{ ['b\u0000']: 1 }] }],
    alwaysRefused: true,
  },
  { name: 'deep nesting', values: [nested(50), nested(12, { a: 1 })], alwaysRefused: true },
  { name: 'huge key count', values: [manyKeys(600), [manyKeys(300), manyKeys(300)]], alwaysRefused: true },
  { name: 'null', values: [null], alwaysRefused: false }, // refused unless the API document says nullable
  {
    name: 'wrong type',
    values: [
      [],
      {},
      ['a', 'b'],
      { $gt: '' },
      1e308,
      -1,
      0.5,
      0,
      2 ** 53 + 1,
      true,
      false,
      '',
      '   ',
      nested(6),
    ],
    alwaysRefused: false,
  },
  {
    name: 'malformed value',
    values: [
      'not-a-uuid',
      '-'.repeat(36),
      'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
      '2024-13-45T99:99:99Z',
      '+275760-09-13T00:00:00.001Z',
      '1e309',
      '9'.repeat(25),
      '<script>alert(1)</script>',
      "'; DROP TABLE users; --",
    ],
    alwaysRefused: false,
  },
  {
    name: 'over-long string',
    values: ['x'.repeat(5_000), 'ж'.repeat(4_097), 'x'.repeat(20_001), '😀'.repeat(3_000)],
    alwaysRefused: false,
  },
  {
    name: 'bad e-mail',
    values: [
      'a\ud800@example.com', // the validator's encodeURI threw URIError on this
      '%E0%A4%A@example.com',
      'anna@',
      '@example.com',
      'anna@example',
      `${'a'.repeat(390)}@example.com`,
      `anna@${'b'.repeat(300)}.com`,
      'anna@exa mple.com',
      '"quoted\\"@example.com',
    ],
    alwaysRefused: false,
  },
];

/** Whole request bodies, on every route that takes a write. */
export const WHOLE_BODIES: Array<[string, string | Buffer]> = [
  ['empty array', '[]'],
  ['array of object', '[{}]'],
  ['string', '"text"'],
  ['null', 'null'],
  ['number', '123'],
  ['broken JSON', '{bad json'],
  ['truncated JSON', '{"a":'],
  ['__proto__', '{"__proto__":{"x":1}}'],
  ['constructor', '{"constructor":{"prototype":{"x":1}}}'],
  ['deep nesting', '['.repeat(5_000) + ']'.repeat(5_000)],
  ['deep objects', '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000)],
  ['huge key count', JSON.stringify(manyKeys(1_200))],
  ['NUL key', '{"\\u0000":1}'],
  ['NUL value', '{"x":"\\u0000"}'],
  ['lone surrogate escape', '{"x":"\\ud800"}'],
  [
    'invalid UTF-8',
    Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  ],
];

/** Path parameters: what ParseUUIDPipe and the handlers must refuse. */
export const BAD_IDS = [
  'not-a-uuid',
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  '9223372036854775808',
  '-'.repeat(36),
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  "1'%3B--",
  '%00',
  'a%00b',
  '%ED%A0%80', // a surrogate's UTF-8 bytes (invalid UTF-8)
  '%E0%A4%A',
  '%F0%9F%98',
  'a'.repeat(2000),
];

/** Query values, already URL-encoded. */
export const BAD_QUERY_VALUES = [
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  '9223372036854775808',
  '9'.repeat(19),
  'NaN',
  '',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%E0%A4%A',
  'a'.repeat(3000),
  '-'.repeat(36),
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '2024-13-45',
  '%2B275760-09-13T00%3A00%3A00.001Z',
  'anna%40',
  '%3Cscript%3E',
];

export const uniqueEmail = (tag = 'fuzz') => `${tag}-${randomBytes(5).toString('hex')}@otklik.test`;
let seq = 0;
export const unique = (prefix: string) => `${prefix} ${++seq}`;

/** Ids of real rows, so hostile input gets past "not found" into services and the database. */
export interface Fixtures {
  /** A real account for the login route (hostile passwords reach the password check). */
  loginTarget: string;
  source: string;
  sourceSecret: string;
  conversation: string;
  item: string;
  contacts: string[];
  team: string;
  victim: string;
  template: string;
  policy: string;
  reply: string;
}

/** The row a route's `:param` names: by parameter name, else by the resource before it. */
export function realParam(fx: Fixtures, path: string, param: string): string | undefined {
  if (param === 'userId') return fx.victim;
  if (param === 'sourceId') return fx.source;
  const segments = path.split('/');
  const resource = segments[segments.indexOf(`:${param}`) - 1];
  const byResource: Record<string, string> = {
    conversations: fx.conversation,
    users: fx.victim,
    teams: fx.team,
    sources: fx.source,
    templates: fx.template,
    'sla-policies': fx.policy,
    replies: fx.reply,
    items: fx.item,
  };
  return byResource[resource];
}

/**
 * A valid body for each write, so that one hostile property is all that is wrong with a request
 * (a body refused for something else would never reach the code under test). A write missing
 * here still gets every hostile class, just on top of an empty body.
 */
export const BASELINES: Record<string, (fx: Fixtures) => Record<string, unknown>> = {
  'POST /api/auth/login': (fx) => ({ email: fx.loginTarget, password: 'not-the-password-1' }),
  'PATCH /api/auth/me': () => ({ name: 'Fuzz Name', locale: 'en' }),
  'POST /api/users': () => ({
    email: uniqueEmail(),
    name: 'Fuzz User',
    role: 'agent',
    password: 'a-long-enough-password-1',
    locale: 'en',
  }),
  'PATCH /api/users/:id': () => ({ name: 'Victim' }),
  'POST /api/teams': () => ({ name: unique('Team') }),
  'PATCH /api/teams/:id': () => ({ name: unique('Team renamed') }),
  'POST /api/teams/:id/members': (fx) => ({ userId: fx.victim }),
  'POST /api/sources': () => ({
    platform: 'webhook',
    name: unique('Source'),
    settings: {},
    credentials: { secret: 'fuzz-secret-0123456789' },
  }),
  'PATCH /api/sources/:id': () => ({ name: unique('Source renamed') }),
  'POST /api/contacts/link': (fx) => ({ contactIds: fx.contacts }),
  'PATCH /api/conversations/:id': () => ({ priority: 5 }),
  'POST /api/conversations/:id/reassign': () => ({ assigneeId: null, fromAssigneeId: null }),
  'POST /api/conversations/:id/notes': () => ({ text: 'a note' }),
  'POST /api/conversations/:id/replies': () => ({ text: 'a reply' }),
  'POST /api/replies/:id/mark-delivered': () => ({ platformMessageId: 'm-1' }),
  'POST /api/templates': () => ({ name: unique('Template'), body: 'Здравствуйте!' }),
  'PATCH /api/templates/:id': () => ({ body: 'Здравствуйте ещё раз!' }),
  'PATCH /api/items/:id/analysis': () => ({ sentiment: 'negative' }),
  'POST /api/items/:id/review': () => ({ sentiment: 'negative' }),
  // disabled: at most one enabled policy per source and intent
  'POST /api/sla-policies': () => ({ name: unique('Policy'), firstResponseMinutes: 60, enabled: false }),
  'PATCH /api/sla-policies/:id': () => ({ firstResponseMinutes: 90 }),
};
