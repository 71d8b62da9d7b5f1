// One structured logger for the whole process tree: JSON for machines, readable lines on a
// terminal. Secrets are redacted wherever they appear under these keys, so a logged config
// or request never leaks them.
import { pino, type Logger } from 'pino';

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';
  return pino({
    level,
    redact: {
      paths: ['*.SLACK_BOT_TOKEN', '*.SLACK_SIGNING_SECRET', '*.SLACK_APP_TOKEN', '*.TEMPORAL_API_KEY', '*.token', '*.authorization', 'token', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}

export type { Logger };
