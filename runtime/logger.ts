// One structured logger for the whole process tree. Slack tokens are redacted wherever they
// appear under these keys, so a logged config or request never leaks them.
import { pino, type Logger } from 'pino';

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: ['*.SLACK_BOT_TOKEN', '*.SLACK_SIGNING_SECRET', '*.SLACK_APP_TOKEN', '*.TEMPORAL_API_KEY', '*.token', '*.authorization', 'token'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
