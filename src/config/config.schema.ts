import { z } from 'zod';
import { costMatrixProblems } from '../sla/deadline-decision';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be 0..65535')
  .max(65535, 'must be 0..65535');

/** 32 bytes, as 64 hex characters or base64. */
const key32 = z.string().refine((v) => decodeKey(v) !== undefined, {
  message: 'must be 32 bytes as 64 hex characters or base64',
});

export function decodeKey(v: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  const b = Buffer.from(v, 'base64');
  return b.length === 32 ? b : undefined;
}

/**
 * Every setting Otklik reads. Each key is an environment variable; `.env.example` documents them
 * and a test keeps the two in step.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.string().url('must be a URL like https://otklik.example.com').optional(),
  ROLE: z.enum(['all', 'api', 'worker'], { message: 'must be all, api or worker' }).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./.data'),
  SECRETS_KEY: key32.optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  COOKIE_SECURE: bool.optional(),
  ADMIN_EMAIL: z.string().email('must be an e-mail address').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DEMO: bool.optional(),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(5),
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(5),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15000),
  VK_API_URL: z.string().url().default('https://api.vk.ru/method'),
  TELEGRAM_API_URL: z.string().url().default('https://api.telegram.org/'),
  ALLOW_CUSTOM_API_URLS: bool.optional(),
  SLACK_WEBHOOK_URL: z.string().url().optional(),
  DEADLINE_COST_MATRIX: z
    .string()
    .refine((v) => costMatrixProblemsOf(v).length === 0, {
      message:
        'must be a JSON 3 × 3 array: rows true class sales, standard, none; columns decided class; 0 on the diagonal',
    })
    .optional(),
});

function costMatrixProblemsOf(v: string): string[] {
  try {
    return costMatrixProblems(JSON.parse(v));
  } catch {
    return ['not JSON'];
  }
}

export type AppConfig = z.infer<typeof configSchema>;
