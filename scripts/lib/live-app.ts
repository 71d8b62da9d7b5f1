// `npm start` against a fake Slack, as a real install runs: the app as a child process with
// Slack credentials pointing at the fake, signed HTTP requests to its /slack/events, its
// embedded PostgreSQL reachable for seeding and counting. For the outage tests and chaos.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDb, type Db } from '../../data/db';
import { createHttpSlackClient, startFakeSlack, type FakeMessage, type FakeSlack, type HttpSlackClient, type Json } from '../../slack-fake';
import { readPid } from '../../runtime/orphans';
import { appEnv, startApp, type AppProcess } from './app-process';
import { FAKE_USERS, SLACK, seedSlackWorkspace, type SlackSeed } from './slack-people';
import { setChain } from './seed';
import { ensureUser } from '../../client/directory';

export const SIGNING_SECRET = 'live-app-signing-secret';

export interface LiveApp {
  app: AppProcess;
  env: Record<string, string>;
  fake: FakeSlack;
  slack: HttpSlackClient;
  db: Db;
  seed: SlackSeed;
  dataDir: string;
  /** Slack ids of extra employees (one per chaos lane: each reads only their own DM). */
  employees: string[];
  pgPid(): number | null;
  temporalPid(): number | null;
  close(): Promise<void>;
}

/** Starts the fake, then the app (detached: its own process group), seeds people and a two-stage chain. */
export async function startLiveApp(dataDir: string, extraEnv: Record<string, string> = {}, extraEmployees = 0): Promise<LiveApp> {
  const fake = await startFakeSlack({ users: FAKE_USERS });
  const workspaceId = 'W-LIVE';
  const env: Record<string, string> = {
    ...(await appEnv(dataDir)),
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    COUNTERSIGN_WORKSPACE: workspaceId,
    COUNTERSIGN_SANDBOX: 'off',
    ...extraEnv,
  };
  const app = await startApp(env, { detached: true });
  const db = createDb(`postgresql://postgres:countersign@127.0.0.1:${env.POSTGRES_PORT}/countersign`, 4);
  const seed = await seedSlackWorkspace(db, workspaceId);
  await setChain(db, workspaceId, 'default', [
    { type: 'approve', mode: 'any', assignees: [seed.id.appr1] },
    { type: 'approve', mode: 'any', assignees: [seed.id.appr2] },
  ] as never, {}, true);
  const employees: string[] = [];
  for (let i = 1; i <= extraEmployees; i++) {
    const id = `U0LANE${i}`;
    fake.addUser({ id, name: `lane${i}`, real_name: `Lane ${i} Tester`, tz: 'Europe/Tallinn' });
    await ensureUser(db, { workspaceId, slackId: id, name: `lane${i}`, roles: ['employee'], tzOffsetMinutes: 120 });
    employees.push(id);
  }
  const slack = createHttpSlackClient({ fake, url: `http://127.0.0.1:${env.PORT}/slack/events`, signingSecret: SIGNING_SECRET });
  return {
    app,
    env,
    fake,
    slack,
    db,
    seed,
    dataDir,
    employees,
    pgPid: () => readPid(path.join(dataDir, 'postgres', 'postmaster.pid')),
    temporalPid: () => readPid(path.join(dataDir, `temporal-${env.TEMPORAL_PORT}.pid`)),
    async close() {
      await db.$disconnect().catch(() => undefined);
      if (app.child.exitCode === null && app.child.pid) {
        try {
          process.kill(-app.child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      await fake.close();
    },
  };
}

export const buttonsOf = (m: { blocks?: Json[] } | undefined): { actionId: string; blockId: string }[] =>
  (m?.blocks ?? []).flatMap((b) =>
    (Array.isArray(b.elements) ? (b.elements as Json[]) : []).filter((e) => e.type === 'button').map((e) => ({ actionId: String(e.action_id), blockId: String(b.block_id) })),
  );

/** Presses a button of one given message (several documents' messages sit in one DM). */
export function press(live: LiveApp, userId: string, m: FakeMessage, actionId: string) {
  const b = buttonsOf(m).find((x) => x.actionId === actionId);
  if (!b) throw new Error(`message ${m.ts} has no ${actionId}`);
  return live.slack.sendBlockAction({ user: userId, channel: m.channel, messageTs: m.ts, actionId, blockId: b.blockId });
}

export function findMessage(live: LiveApp, slackId: string, pred: (m: FakeMessage) => boolean): FakeMessage | undefined {
  return [...live.fake.messages(slackId)].reverse().find(pred);
}

export { SLACK };

/** The postmaster's pid as PostgreSQL wrote it. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}
