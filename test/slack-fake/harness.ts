// Starts the fake Slack and a REAL Bolt app pointed at it (HTTP receiver on a random port, or
// Socket Mode through the fake's WebSocket), and stops both. Listeners are registered by
// the test in `setup` before the app starts.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type Logger } from '@slack/bolt';
import { createHttpSlackClient, createSocketSlackClient, startFakeSlack, type FakeSlack, type HttpSlackClient, type SlackSender } from '../../slack-fake';

export const SIGNING_SECRET = 'fake-signing-secret';

/** Bolt's logger, kept in memory: expected failures (bad signatures...) must not flood the output. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (...msg: unknown[]) => {
    lines.push(`${level} ${msg.map(String).join(' ')}`);
  };
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}

export interface HttpHarness {
  fake: FakeSlack;
  app: App;
  client: HttpSlackClient;
  logger: ReturnType<typeof memoryLogger>;
  stop(): Promise<void>;
}

export async function startHttpHarness(setup: (app: App) => void, options: { processBeforeResponse?: boolean } = {}): Promise<HttpHarness> {
  // The fake first: `new App({token})` calls auth.test at once.
  const fake = await startFakeSlack({ users: [{ id: 'U0ALICE', name: 'alice', real_name: 'Alice Martin', tz: 'Europe/Paris' }] });
  const logger = memoryLogger();
  const app = new App({
    signingSecret: SIGNING_SECRET,
    token: fake.botToken,
    logger,
    processBeforeResponse: options.processBeforeResponse ?? false,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  setup(app);
  let server: Server;
  try {
    server = (await app.start(0)) as Server;
  } catch (error) {
    await fake.close(); // leave no server behind when the app cannot start
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const client = createHttpSlackClient({ fake, url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET });
  return {
    fake,
    app,
    client,
    logger,
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}

export interface SocketHarness {
  fake: FakeSlack;
  app: App;
  client: SlackSender;
  logger: ReturnType<typeof memoryLogger>;
  stop(): Promise<void>;
}

export async function startSocketHarness(setup: (app: App) => void): Promise<SocketHarness> {
  const fake = await startFakeSlack({ users: [{ id: 'U0ALICE', name: 'alice' }] });
  const logger = memoryLogger();
  const app = new App({
    token: fake.botToken,
    appToken: fake.appToken,
    socketMode: true,
    logger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  setup(app);
  try {
    // Resolves after the fake's hello: the connection is ready for envelopes.
    await app.start();
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    app,
    client: createSocketSlackClient({ fake }),
    logger,
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}

/** A promise a listener settles, for tests that must see what Bolt handed to the listener. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
