// Process configuration: environment (and .env) validated once at start, with one clear
// message per bad value, so a typo fails fast instead of deep inside a service.
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  DATA_DIR: z.string().default('./.countersign'),
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgresql://').optional()),
  POSTGRES_PORT: port(54329),
  /** The embedded PostgreSQL's data folder; default DATA_DIR/postgres. */
  POSTGRES_DATA_DIR: optionalString,
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('countersign'),
  TEMPORAL_CLI_PATH: optionalString,
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_TLS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  PORT: port(3000),
  COUNTERSIGN_ADMINS: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean)),
  COUNTERSIGN_WORKSPACE: z.string().min(1).default('default'),
  /** `auto`: serve the Slack sandbox page when no Slack credentials are set; `off`: never. */
  COUNTERSIGN_SANDBOX: z.enum(['auto', 'off']).default('auto'),
  SANDBOX_PORT: port(3100),
  /** What this process runs: everything (default), only the Temporal worker, or only the Slack bot. */
  COUNTERSIGN_PROCESS: z.enum(['all', 'worker', 'bot']).default('all'),
  OCR_LANG_DIRS: z
    .string()
    .default('')
    .transform((v) => v.split(path.delimiter).filter(Boolean)),
  MAX_FILE_MB: positiveInt(25),
  MAX_PAGES: positiveInt(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError listing every bad or missing value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (Boolean(cfg.SLACK_BOT_TOKEN) !== Boolean(cfg.SLACK_SIGNING_SECRET) && !cfg.SLACK_APP_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  SLACK_SIGNING_SECRET: set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
  }
  return { ...cfg, dataDir: path.resolve(cfg.DATA_DIR) };
}
