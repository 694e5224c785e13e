/**
 * Writes the schema excerpts the conformance test validates the emulators against, from
 * checkouts of the public specifications (not run by the tests; rerun when updating them):
 *
 *   npx ts-node --transpile-only test/conformance/extract-schemas.ts \
 *     --vk <VKCOM/vk-api-schema checkout> --telegram <PaulSonOfLars/telegram-bot-api-spec/api.json>
 *
 * Only the definitions reachable from what the connectors read are kept (same file names and
 * definition names, so every `$ref` still resolves), with descriptions dropped; each excerpt
 * folder carries its licence. The YouTube excerpt (youtube-discovery/) is written by hand from
 * Google's discovery document — see its README.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const OUT = join(__dirname, 'schemas');

/** What the VK connector reads: method responses, Long Poll / Callback event objects, errors. */
export const VK_ROOTS: Array<[string, string]> = [
  ['groups/responses.json', 'groups_getById_object_response'],
  ['groups/responses.json', 'groups_getLongPollServer_response'],
  ['users/responses.json', 'users_get_response'],
  ['wall/responses.json', 'wall_get_response'],
  ['wall/responses.json', 'wall_getComments_response'],
  ['wall/responses.json', 'wall_getComments_extended_response'],
  ['wall/responses.json', 'wall_createComment_response'],
  ['newsfeed/responses.json', 'newsfeed_search_response'],
  ['board/responses.json', 'board_getTopics_response'],
  ['board/responses.json', 'board_getComments_response'],
  ['board/responses.json', 'board_createComment_response'],
  ['messages/responses.json', 'messages_getConversations_response'],
  ['messages/responses.json', 'messages_getHistory_response'],
  ['messages/responses.json', 'messages_send_deprecated_response'],
  ['messages/responses.json', 'messages_send_user_ids_response'],
  ['photos/responses.json', 'photos_getAll_response'],
  ['photos/responses.json', 'photos_getComments_response'],
  ['photos/responses.json', 'photos_getComments_extended_response'],
  ['photos/responses.json', 'photos_createComment_response'],
  ['video/responses.json', 'video_get_response'],
  ['video/responses.json', 'video_getComments_response'],
  ['video/responses.json', 'video_getComments_extended_response'],
  ['video/responses.json', 'video_createComment_response'],
  ['market/responses.json', 'market_get_response'],
  ['market/responses.json', 'market_getComments_response'],
  ['market/responses.json', 'market_createComment_response'],
  ['callback/objects.json', 'callback_base'],
  ['callback/objects.json', 'callback_message_new'],
  ['callback/objects.json', 'callback_wall_reply_new'],
  ['callback/objects.json', 'callback_wall_reply_edit'],
  ['callback/objects.json', 'callback_wall_post_new'],
  ['callback/objects.json', 'callback_board_post_new'],
  ['callback/objects.json', 'callback_photo_comment'],
  ['callback/objects.json', 'callback_video_comment'],
  ['callback/objects.json', 'callback_market_comment'],
  ['base/objects.json', 'base_error'],
];

/** What the Telegram connector reads: these methods' results and the Update objects. */
export const TELEGRAM_METHODS = ['getMe', 'getUpdates', 'sendMessage', 'setWebhook', 'deleteWebhook'];

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  // Documentation strings only: a property that happens to be called `description` stays.
  for (const [k, v] of Object.entries(node))
    if (!((k === 'description' || k === 'href') && typeof v === 'string') && k !== 'enumDescriptions')
      out[k] = strip(v);
  return out;
}

function extractVk(root: string): void {
  const files = new Map<string, any>();
  const load = (f: string) => {
    if (!files.has(f)) files.set(f, JSON.parse(readFileSync(join(root, f), 'utf8')));
    return files.get(f);
  };
  const keep = new Map<string, Set<string>>();
  const walk = (file: string, name: string) => {
    const set = keep.get(file) ?? new Set<string>();
    keep.set(file, set);
    if (set.has(name)) return;
    const def = load(file).definitions?.[name];
    if (!def) throw new Error(`${file}#${name} not found`);
    set.add(name);
    const visit = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          const [path, frag] = v.split('#');
          walk(path ? normalize(join(dirname(file), path)) : file, frag.split('/').pop()!);
        } else visit(v);
      }
    };
    visit(def);
  };
  for (const [f, n] of VK_ROOTS) walk(f, n);
  for (const [file, names] of keep) {
    const defs = load(file).definitions;
    const out = { definitions: Object.fromEntries([...names].sort().map((n) => [n, strip(defs[n])])) };
    mkdirSync(join(OUT, 'vk-api-schema', dirname(file)), { recursive: true });
    writeFileSync(join(OUT, 'vk-api-schema', file), JSON.stringify(out) + '\n');
  }
  writeFileSync(join(OUT, 'vk-api-schema', 'LICENSE'), readFileSync(join(root, 'LICENSE')));
}

function extractTelegram(apiJson: string, license: string): void {
  const api = JSON.parse(readFileSync(apiJson, 'utf8'));
  const types = new Set<string>();
  const add = (expr: string) => {
    const name = expr.replace(/^(Array of )+/, '');
    if (!api.types[name] || types.has(name)) return;
    types.add(name);
    const t = api.types[name];
    for (const f of t.fields ?? []) for (const ty of f.types) add(ty);
    for (const s of t.subtypes ?? []) add(s);
  };
  add('Update');
  const methods: Record<string, unknown> = {};
  for (const m of TELEGRAM_METHODS) {
    methods[m] = strip({ name: m, returns: api.methods[m].returns });
    for (const r of api.methods[m].returns) add(r);
  }
  const out = {
    version: api.version,
    release_date: api.release_date,
    methods,
    types: Object.fromEntries([...types].sort().map((n) => [n, strip(api.types[n])])),
  };
  mkdirSync(join(OUT, 'telegram-bot-api-spec'), { recursive: true });
  writeFileSync(join(OUT, 'telegram-bot-api-spec', 'api.json'), JSON.stringify(out) + '\n');
  writeFileSync(join(OUT, 'telegram-bot-api-spec', 'LICENSE'), readFileSync(license));
}

if (require.main === module) {
  const vk = arg('vk');
  const telegram = arg('telegram');
  if (vk) extractVk(vk);
  if (telegram) extractTelegram(telegram, arg('telegram-license') ?? join(dirname(telegram), 'LICENSE'));
  if (!vk && !telegram) console.error('nothing to do: pass --vk and/or --telegram');
}
