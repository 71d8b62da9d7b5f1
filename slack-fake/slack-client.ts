// Slack's side of the conversation with the app: sends events, clicks, modal submissions
// and slash commands the way Slack does, either as REAL signed HTTP requests to a Bolt
// HTTP receiver, or as Socket Mode envelopes through the fake's WebSocket. Both take the
// FakeSlack, so the trigger_ids they send open modals there and response_urls land there,
// and both apply Slack's reaction to the ack (close the modal, show the command's reply).
import type { FakeSlack } from './fake-slack-api';
import {
  buildBlockActions,
  buildEventEnvelope,
  buildSlashCommand,
  buildViewClosed,
  buildViewSubmission,
  resolveView,
  type BlockActionInput,
  type SlashCommandInput,
  type ViewSubmissionInput,
} from './payloads';
import { signedHeaders } from './signing';
import type { Json } from './types';

export interface SlackResponse {
  /** HTTP status of the app's answer (200 for a Socket Mode ack). */
  status: number;
  /** The answer: parsed JSON when JSON, text otherwise ('' for an empty ack). */
  body: unknown;
}

export interface ViewSubmissionResponse extends SlackResponse {
  /** What Slack did with the modal: closed, errors, updated, pushed, cleared, or none (no ack). */
  outcome: string;
  errors?: Record<string, string>;
}

export interface EventOptions {
  /** Slack's redelivery of an event the app was slow to ack. */
  retryNum?: number;
  retryReason?: string;
  eventId?: string;
}

/** What both simulators can do. The interaction helpers work with either. */
export interface SlackSender {
  readonly fake: FakeSlack;
  sendEvent(event: Json, options?: EventOptions): Promise<SlackResponse>;
  sendBlockAction(input: BlockActionInput): Promise<SlackResponse>;
  sendViewSubmission(input: ViewSubmissionInput): Promise<ViewSubmissionResponse>;
  /** The user closes a modal (view_closed is sent only if it was opened with notify_on_close). */
  sendViewClosed(input: { user: string; view?: string }): Promise<SlackResponse | undefined>;
  sendSlashCommand(input: SlashCommandInput): Promise<SlackResponse>;
}

export interface HttpSlackClient extends SlackSender {
  /** Any body, any headers: for negative tests (stale timestamp, bad signature, wrong content type). */
  sendRaw(input: { body: string; contentType: string; timestamp?: number; signature?: string; headers?: Record<string, string> }): Promise<SlackResponse>;
}

async function readResponse(response: Response): Promise<SlackResponse> {
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  let body: unknown = text;
  if (isJson && text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body };
}

const asObject = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

/** Shared by both transports: close / update / push the modal per the ack. */
function applySubmission(fake: FakeSlack, user: string, viewId: string, response: SlackResponse): ViewSubmissionResponse {
  if (response.status !== 200) return { ...response, outcome: 'none' };
  const result = fake.applyViewSubmissionAck(user, viewId, asObject(response.body));
  return { ...response, ...result };
}

function closeViewLocally(fake: FakeSlack, input: { user: string; view?: string }): ReturnType<typeof resolveView> {
  const view = resolveView(fake, input.user, input.view);
  fake.closeTopView(input.user);
  return view;
}

/** Signed HTTP requests to a Bolt HTTP receiver, e.g. http://127.0.0.1:3000/slack/events. */
export function createHttpSlackClient(options: { fake: FakeSlack; url: string; signingSecret: string }): HttpSlackClient {
  const { fake, url, signingSecret } = options;

  const post = async (body: string, contentType: string, extra: Record<string, string> = {}, timestamp?: number, signature?: string): Promise<SlackResponse> => {
    const signed = signedHeaders(signingSecret, body, timestamp);
    const response = await fetch(url, {
      method: 'POST',
      // A string body with an explicit type: fetch adds ";charset=UTF-8" to URLSearchParams
      // bodies, and Bolt answers 400 to anything but exactly application/x-www-form-urlencoded.
      headers: { 'content-type': contentType, ...signed, ...(signature !== undefined ? { 'x-slack-signature': signature } : {}), ...extra },
      body,
    });
    return readResponse(response);
  };
  const postForm = (fields: Record<string, string>) => post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  const postPayload = (payload: Json) => postForm({ payload: JSON.stringify(payload) });

  return {
    fake,
    sendEvent(event, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.retryNum !== undefined) {
        headers['x-slack-retry-num'] = String(opts.retryNum);
        headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
      }
      return post(JSON.stringify(buildEventEnvelope(fake, event, opts.eventId)), 'application/json', headers);
    },
    sendBlockAction: (input) => postPayload(buildBlockActions(fake, input)),
    async sendViewSubmission(input) {
      const { payload, view } = buildViewSubmission(fake, input);
      return applySubmission(fake, input.user, view.id, await postPayload(payload));
    },
    async sendViewClosed(input) {
      const view = closeViewLocally(fake, input);
      return view.notify_on_close ? postPayload(buildViewClosed(fake, input.user, view)) : undefined;
    },
    async sendSlashCommand(input) {
      const fields = buildSlashCommand(fake, input);
      const response = await postForm(fields);
      if (response.status === 200) fake.applyCommandAck({ channel: fields.channel_id ?? '', user: input.user }, response.body === '' ? undefined : response.body);
      return response;
    },
    sendRaw: ({ body, contentType, timestamp, signature, headers }) => post(body, contentType, headers, timestamp, signature),
  };
}

/** The same interactions as Socket Mode envelopes, through the fake's WebSocket. */
export function createSocketSlackClient(options: { fake: FakeSlack; ackTimeoutMs?: number }): SlackSender {
  const { fake } = options;
  const timeoutMs = options.ackTimeoutMs;
  const send = async (type: 'events_api' | 'interactive' | 'slash_commands', payload: Json, retry?: EventOptions): Promise<SlackResponse> => {
    const ack = await fake.sendEnvelope(type, payload, { timeoutMs, retryAttempt: retry?.retryNum, retryReason: retry?.retryReason });
    return { status: 200, body: ack.payload ?? {} };
  };

  return {
    fake,
    sendEvent: (event, opts = {}) => send('events_api', buildEventEnvelope(fake, event, opts.eventId), opts),
    sendBlockAction: (input) => send('interactive', buildBlockActions(fake, input)),
    async sendViewSubmission(input) {
      const { payload, view } = buildViewSubmission(fake, input);
      return applySubmission(fake, input.user, view.id, await send('interactive', payload));
    },
    async sendViewClosed(input) {
      const view = closeViewLocally(fake, input);
      return view.notify_on_close ? send('interactive', buildViewClosed(fake, input.user, view)) : undefined;
    },
    async sendSlashCommand(input) {
      const fields = buildSlashCommand(fake, input);
      const response = await send('slash_commands', fields);
      fake.applyCommandAck({ channel: fields.channel_id ?? '', user: input.user }, response.body);
      return response;
    },
  };
}
