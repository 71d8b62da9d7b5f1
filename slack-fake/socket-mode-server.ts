// Slack's side of Socket Mode: the WebSocket behind the URL that apps.connections.open
// hands out. On connect it says hello; envelopes go to the newest open connection (Slack
// picks one of them); the app's ack `{envelope_id, payload?}` resolves the sender's promise.
// It also pings every few seconds, as Slack does: @slack/socket-mode drops a connection
// whose server stops pinging once it has started.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { SlackIds } from './ids';
import type { Json } from './types';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface AckFrame {
  envelope_id: string;
  payload?: Json;
}

export interface EnvelopeOptions {
  /** Give up waiting for the ack after this long (default 5000 ms; Slack waits 3 s). */
  timeoutMs?: number;
  retryAttempt?: number;
  retryReason?: string;
}

const PING_INTERVAL_MS = 10_000;

export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets: WebSocket[] = [];
  private readonly pending = new Map<string, { resolve: (ack: AckFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly pinger: NodeJS.Timeout;
  private readonly connectListeners = new Set<() => void>();

  constructor(
    private readonly ids: SlackIds,
    private readonly appId: string,
  ) {
    this.pinger = setInterval(() => {
      for (const ws of this.sockets) if (ws.readyState === WebSocket.OPEN) ws.ping();
    }, PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /** A one-time URL, like the `ticket` Slack puts in the wss:// URL. */
  issueUrl(baseWsUrl: string): string {
    const ticket = this.ids.secret();
    this.tickets.add(ticket);
    return `${baseWsUrl}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  get connectionCount(): number {
    return this.sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  /** Resolves once at least one app connection is open (immediately if one is). */
  waitForConnection(timeoutMs = 5000): Promise<void> {
    if (this.connectionCount > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnect = () => {
        clearTimeout(timer);
        this.connectListeners.delete(onConnect);
        resolve();
      };
      const timer = setTimeout(() => {
        this.connectListeners.delete(onConnect);
        reject(new Error(`no Socket Mode connection after ${timeoutMs} ms (did the app start with socketMode: true?)`));
      }, timeoutMs);
      this.connectListeners.add(onConnect);
    });
  }

  /** node:http 'upgrade' handler. Refuses unknown or reused tickets with 401. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!url.pathname.startsWith('/link') || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  send(type: EnvelopeType, payload: Json, options: EnvelopeOptions = {}): Promise<AckFrame> {
    const ws = [...this.sockets].reverse().find((s) => s.readyState === WebSocket.OPEN);
    if (!ws) return Promise.reject(new Error(`cannot send ${type} envelope: no Socket Mode connection is open`));
    const envelopeId = this.ids.envelope();
    const timeoutMs = options.timeoutMs ?? 5000;
    const frame = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(options.retryAttempt !== undefined ? { retry_attempt: options.retryAttempt, retry_reason: options.retryReason ?? 'timeout' } : {}),
    };
    return new Promise<AckFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`the app did not ack ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
      ws.send(JSON.stringify(frame));
    });
  }

  /** Ask the app to reconnect, as Slack does before recycling a server. */
  requestReconnect(reason = 'refresh_requested'): void {
    for (const ws of this.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'disconnect', reason }));
  }

  close(): void {
    clearInterval(this.pinger);
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error('fake Slack closed before the app acked'));
    }
    this.pending.clear();
    for (const ws of this.sockets) ws.terminate();
    this.sockets.length = 0;
    this.wss.close();
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.push(ws);
    ws.on('message', (data) => this.onAck(String(data)));
    ws.on('close', () => {
      const index = this.sockets.indexOf(ws);
      if (index >= 0) this.sockets.splice(index, 1);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.length,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: this.appId },
      }),
    );
    for (const listener of [...this.connectListeners]) listener();
  }

  private onAck(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return; // Slack ignores garbage frames too
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { envelope_id: id, payload } = frame as { envelope_id?: unknown; payload?: unknown };
    if (typeof id !== 'string') return;
    const waiter = this.pending.get(id);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.pending.delete(id);
    waiter.resolve({ envelope_id: id, ...(typeof payload === 'object' && payload !== null ? { payload: payload as Json } : {}) });
  }
}
