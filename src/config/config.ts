import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { AppConfig, configSchema } from './config.schema';

export class ConfigError extends Error {}

/**
 * Reads the environment (plus an optional `.env`; real environment wins) and validates it.
 * On the first problem it throws one line naming the variable and what is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const fromFile = readDotenv(cwd);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) merged[k] = v;
  // Empty values mean "unset", as in most twelve-factor apps.
  for (const k of Object.keys(merged)) if (merged[k] === '') delete merged[k];
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.join('.') || 'configuration';
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}`);
  }
  if (parsed.data.ALLOW_CUSTOM_API_URLS === false && isDemo(parsed.data)) {
    // The demo's sources talk to emulators on this machine: refusing that would stop the start.
    throw new ConfigError(
      'Invalid configuration: ALLOW_CUSTOM_API_URLS cannot be false in demo mode (its emulators are local); ' +
        'set DEMO=false for real VK and Telegram',
    );
  }
  return parsed.data;
}

function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(cwd, '.env');
  if (!fs.existsSync(file)) return {};
  return parseDotenv(fs.readFileSync(file));
}

/** Demo mode is on by default only when nothing real is configured. */
export function isDemo(config: AppConfig): boolean {
  return config.DEMO ?? true;
}

/**
 * Whether a source may send its token to an API address other than the platform's own (local
 * emulators, a self-hosted Bot API server). Default: only in demo mode and under tests.
 */
export function allowsCustomApiUrls(config: AppConfig): boolean {
  return config.ALLOW_CUSTOM_API_URLS ?? (isDemo(config) || config.NODE_ENV === 'test');
}
