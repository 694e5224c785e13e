import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppConfig, decodeKey } from '../config/config.schema';

/**
 * The key for secrets at rest: SECRETS_KEY when set; for the zero-config start, a key generated
 * once into DATA_DIR/secrets.key (mode 0600), so a restart can still read stored tokens.
 */
export function resolveSecretsKey(config: Pick<AppConfig, 'SECRETS_KEY' | 'DATA_DIR'>): Buffer {
  if (config.SECRETS_KEY) return decodeKey(config.SECRETS_KEY)!;
  const file = path.resolve(config.DATA_DIR, 'secrets.key');
  if (fs.existsSync(file)) {
    const key = decodeKey(fs.readFileSync(file, 'utf8').trim());
    if (!key) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
  return key;
}
