// The Slack sandbox: a local web page that plays Slack for the Countersign bot, for trying
// and testing it with no Slack workspace. It runs the fake Slack Web API (give its URL to the
// bot as SLACK_API_URL) and a page where you act as any of the seeded people: their DM with
// the app, App Home, modals, slash commands and file uploads, all sent to the bot as real
// signed Slack requests. Only for when no Slack credentials are configured (the caller's check).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpSlackClient, startFakeSlack, type FakeSlack } from '../slack-fake';
import { HttpError, sendJson } from './http-util';
import { adminIds, checkPeople, DEFAULT_PEOPLE, fakeUsers, type SandboxPerson } from './people';
import { runSeed, type SeedReport } from './seed';
import { handleRequest, type SandboxContext } from './server';
import type { SeedStatus } from './snapshot';

export { DEFAULT_PEOPLE, SANDBOX_ADMIN_IDS, type SandboxPerson, type SandboxRole } from './people';
export { seedCommands, SANDBOX_CODES, type SeedReport, type SeedStep } from './seed';
export type { DmItem, SandboxFile, Snapshot } from './snapshot';

export interface SandboxOptions {
  /** Port of the page (0: a free one). */
  port: number;
  /** Default 127.0.0.1: the sandbox has no login, keep it on this machine. */
  host?: string;
  /** The Bolt HTTP receiver, e.g. http://127.0.0.1:3000/slack/events (see also setBotEventsUrl). */
  botEventsUrl: string;
  signingSecret: string;
  botToken: string;
  /** Default: DEFAULT_PEOPLE (their admins are SANDBOX_ADMIN_IDS: give those to COUNTERSIGN_ADMINS). */
  people?: SandboxPerson[];
  /** Called by Reset after the fake is cleared and before the seeding runs again (e.g. wipe the engine's data). */
  onReset?: () => Promise<void>;
  /** Largest upload, in bytes (default 25 MB, like MAX_FILE_MB). */
  maxUploadBytes?: number;
}

export interface Sandbox {
  /** The page. */
  url: string;
  /** Give this to the bot as SLACK_API_URL. */
  slackApiUrl: string;
  fake: FakeSlack;
  people: SandboxPerson[];
  /** Administrators among the people (first one sends the seeding commands). */
  adminIds: string[];
  /**
   * Grants the roles, code lists and default chain through the bot (slash commands as the
   * first administrator). Call it once the bot listens; the page also calls it on first open.
   * Concurrent calls share one run; a finished run is not repeated unless `force`.
   */
  seed(opts?: { force?: boolean }): Promise<SeedReport>;
  /** What the Reset button does: fake.reset(), onReset(), seed again. */
  reset(): Promise<SeedReport>;
  /** Where the bot listens, when it was not known at start (a bot on port 0 starts after the sandbox). */
  setBotEventsUrl(url: string): void;
  stop(): Promise<void>;
}

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const people = opts.people ?? DEFAULT_PEOPLE;
  checkPeople(people);
  const host = opts.host ?? '127.0.0.1';
  const fake = await startFakeSlack({ botToken: opts.botToken, users: fakeUsers(people), teamDomain: 'countersign-sandbox' });
  let slack = createHttpSlackClient({ fake, url: opts.botEventsUrl, signingSecret: opts.signingSecret });

  let version = 0;
  const listeners = new Set<(v: number) => void>();
  let pending = false;
  const bump = () => {
    version += 1;
    // Many changes in one tick (a message posted and updated) → one notice.
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      for (const l of listeners) l(version);
    });
  };
  const offFake = fake.onChange(bump);

  let status: SeedStatus = { status: 'pending' };
  let running: Promise<SeedReport> | null = null;
  const hidden = new Set<string>();
  const seed = (force = false): Promise<SeedReport> => {
    if (running) return running;
    if (!force && (status.status === 'done' || status.status === 'failed') && status.report.ok) return Promise.resolve(status.report);
    status = { status: 'running' };
    bump();
    running = runSeed({ fake, slack, people })
      .catch((err: unknown): SeedReport => ({ ok: false, admin: null, steps: [], replyTs: [], error: err instanceof Error ? err.message : String(err) }))
      .then((report) => {
        for (const ts of report.replyTs) hidden.add(ts);
        status = { status: report.ok ? 'done' : 'failed', report };
        running = null;
        bump();
        return report;
      });
    return running;
  };
  const reset = async (): Promise<SeedReport> => {
    if (running) await running;
    fake.reset();
    hidden.clear();
    status = { status: 'pending' };
    bump();
    await opts.onReset?.();
    return seed(true);
  };

  let server: Server | undefined;
  const allowedHosts = new Set<string>();
  const ctx: SandboxContext = {
    fake,
    get slack() {
      return slack;
    },
    people,
    staticDir: STATIC_DIR,
    allowedHosts,
    maxUploadBytes: opts.maxUploadBytes ?? 25 * 1024 * 1024,
    seedStatus: () => status,
    hidden,
    version: () => version,
    bump,
    onVersion(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    seed: () => seed(),
    reset,
  };
  server = createServer((req, res) => {
    handleRequest(ctx, req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendJson(res, status, { ok: false, error: message });
      else res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(opts.port, host, () => resolve());
    });
  } catch (err) {
    offFake();
    await fake.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  for (const h of [`${shownHost}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) allowedHosts.add(h.toLowerCase());
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : shownHost}:${port}/`;

  return {
    url,
    slackApiUrl: fake.apiUrl,
    fake,
    people,
    adminIds: adminIds(people),
    seed: (o) => seed(o?.force ?? false),
    reset,
    setBotEventsUrl(url) {
      slack = createHttpSlackClient({ fake, url, signingSecret: opts.signingSecret });
    },
    async stop() {
      offFake();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        server?.closeAllConnections();
      });
      await fake.close();
    },
  };
}
