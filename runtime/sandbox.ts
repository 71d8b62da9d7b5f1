// With no Slack credentials, `npm start` serves the sandbox: a local page that plays Slack for
// the bot (fake Web API + signed requests). The bot then runs against the sandbox exactly as
// it would against Slack. Never started when real credentials are configured.
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '../sandbox';
import type { Config } from './config';
import type { Logger } from './logger';

export function sandboxWanted(cfg: Config): boolean {
  return cfg.COUNTERSIGN_SANDBOX === 'auto' && !cfg.SLACK_BOT_TOKEN && !cfg.SLACK_APP_TOKEN && !cfg.SLACK_SIGNING_SECRET && cfg.COUNTERSIGN_PROCESS === 'all';
}

/** Starts the sandbox and returns the configuration the bot should run with. */
export async function startSandboxFor(cfg: Config, log: Logger): Promise<{ sandbox: Sandbox; botCfg: Config }> {
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(24).toString('hex');
  const sandbox = await startSandbox({
    port: cfg.SANDBOX_PORT,
    botEventsUrl: `http://127.0.0.1:${cfg.PORT}/slack/events`,
    botToken,
    signingSecret,
    maxUploadBytes: cfg.MAX_FILE_MB * 1024 * 1024,
  });
  log.info({ url: sandbox.url }, 'Slack sandbox running (no Slack credentials set)');
  return {
    sandbox,
    botCfg: {
      ...cfg,
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: sandbox.slackApiUrl,
      COUNTERSIGN_ADMINS: [...new Set([...cfg.COUNTERSIGN_ADMINS, ...sandbox.adminIds])],
    },
  };
}
