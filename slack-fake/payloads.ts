// The payloads Slack sends to an app, built from the fake's state so they carry what real
// Slack would: the clicked message's current blocks, a trigger_id the fake will accept in
// views.open, a response_url that lands back in the fake. Transport-free: the HTTP and
// Socket Mode simulators both send these.
import { elementText, findElement } from './block-ids';
import type { FakeSlack } from './fake-slack-api';
import { publicMessage, publicView } from './methods/context';
import type { FakeEphemeral, FakeMessage, FakeView, Json } from './types';
import { buildStateValues, typedValue, type ValuesInput } from './view-values';

export interface BlockActionInput {
  user: string;
  actionId: string;
  /** Button value; for selects, the chosen option value (default: the element's own value). */
  value?: string;
  /** Default: the block holding the element with `actionId`. */
  blockId?: string;
  /** Where the clicked message is (default: the user's DM with the app). */
  channel?: string;
  /** The clicked message (default: the latest message in `channel` with that action). */
  messageTs?: string;
  /** A click inside a modal or App Home: the view or its id. Replaces channel/message. */
  view?: FakeView | string;
  /** Override the response_url (default: one issued by the fake). */
  responseUrl?: string;
  /** Extra or overriding fields of the action object. */
  action?: Json;
  /** Current input state of the modal / message (view.state.values). */
  stateValues?: ValuesInput;
}

export interface ViewSubmissionInput {
  user: string;
  /** The submitted view or its id (default: the user's top modal). */
  view?: FakeView | string;
  /** {block_id: {action_id: value}}; untouched inputs keep their initial value. */
  values?: ValuesInput;
}

export interface SlashCommandInput {
  user: string;
  text?: string;
  /** Default: the user's DM with the app. */
  channel?: string;
  command?: string;
}

const actionTs = (): string => (Date.now() / 1000).toFixed(6);

function userObject(fake: FakeSlack, userId: string): Json {
  const user = fake.user(userId);
  return { id: userId, username: user?.name ?? userId, name: user?.name ?? userId, team_id: fake.teamId };
}

const teamObject = (fake: FakeSlack): Json => ({ id: fake.teamId, domain: fake.teamDomain });

/** The common head of interactivity payloads. */
function interactiveBase(fake: FakeSlack, type: string, userId: string): Json {
  return {
    type,
    user: userObject(fake, userId),
    api_app_id: fake.appId,
    token: 'fake-verification-token',
    team: teamObject(fake),
    enterprise: null,
    is_enterprise_install: false,
    trigger_id: fake.issueTrigger(userId),
  };
}

export function resolveView(fake: FakeSlack, userId: string, view: FakeView | string | undefined): FakeView {
  if (typeof view === 'object') return view;
  const candidates = [...fake.openViews(userId), ...[fake.homeView(userId)].filter((v): v is FakeView => v !== undefined)];
  const found = view === undefined ? fake.topView(userId) : candidates.find((v) => v.id === view);
  if (!found) throw new Error(view === undefined ? `user ${userId} has no open modal` : `user ${userId} has no view ${view}`);
  return found;
}

type Source = { kind: 'message'; message: FakeMessage } | { kind: 'ephemeral'; message: FakeEphemeral };

/** Messages and the user's ephemerals of a channel, newest first (ts strings sort like numbers). */
export function clickableMessages(fake: FakeSlack, userId: string, channel: string): Source[] {
  // A user id stands for the DM with that user, as in chat.postMessage.
  const resolved = /^[UW][A-Z0-9]+$/.test(channel) ? fake.dmChannel(channel) : channel;
  const messages: Source[] = fake.messages(channel).map((message) => ({ kind: 'message', message }));
  const ephemerals: Source[] = fake.ephemerals(userId).filter((e) => e.channel === resolved).map((message) => ({ kind: 'ephemeral', message }));
  return [...messages, ...ephemerals].sort((a, b) => (a.message.ts < b.message.ts ? 1 : a.message.ts > b.message.ts ? -1 : 0));
}

function buildAction(element: Json | undefined, input: BlockActionInput, blockId: string): Json {
  const type = typeof element?.type === 'string' ? element.type : 'button';
  const base: Json = { action_id: input.actionId, block_id: blockId, action_ts: actionTs() };
  if (type === 'button') {
    const text = element ? elementText(element) : undefined;
    return {
      type,
      ...base,
      ...(text !== undefined ? { text: { type: 'plain_text', text, emoji: true } } : {}),
      ...(input.value !== undefined || element?.value !== undefined ? { value: input.value ?? element?.value } : {}),
      ...(element?.style !== undefined ? { style: element.style } : {}),
      ...input.action,
    };
  }
  return { ...typedValue(element ?? {}, input.value ?? null), ...base, ...input.action };
}

export function buildBlockActions(fake: FakeSlack, input: BlockActionInput): Json {
  const payload = interactiveBase(fake, 'block_actions', input.user);
  const matchesAction = (e: Json) => e.action_id === input.actionId;
  if (input.view !== undefined) {
    const view = resolveView(fake, input.user, input.view);
    const found = findElement(view.blocks, matchesAction);
    const blockId = input.blockId ?? String(found?.block.block_id ?? '');
    return {
      ...payload,
      container: { type: 'view', view_id: view.id },
      view: { ...publicView(view), state: { values: buildStateValues(view.blocks, input.stateValues ?? {}) } },
      actions: [buildAction(found?.element, input, blockId)],
    };
  }
  const channel = input.channel ?? fake.dmChannel(input.user);
  const sources = clickableMessages(fake, input.user, channel);
  const source = input.messageTs
    ? sources.find((s) => s.message.ts === input.messageTs)
    : sources.find((s) => findElement(s.message.blocks, matchesAction));
  const messageTs = input.messageTs ?? source?.message.ts;
  if (!messageTs) throw new Error(`no message in ${channel} has an element with action_id ${input.actionId}; give messageTs`);
  const channelId = source?.message.channel ?? channel;
  const found = findElement(source?.message.blocks, matchesAction);
  const blockId = input.blockId ?? String(found?.block.block_id ?? '');
  const isEphemeral = source?.kind === 'ephemeral';
  return {
    ...payload,
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: isEphemeral },
    channel: { id: channelId, name: channelId.startsWith('D') ? 'directmessage' : channelId },
    // Slack sends the message only for non-ephemeral messages; a fake-unknown ts gets a bare one.
    ...(isEphemeral ? {} : { message: source?.kind === 'message' ? publicMessage(source.message, fake.teamId) : { type: 'message', ts: messageTs } }),
    state: { values: buildStateValues(undefined, input.stateValues ?? {}) },
    response_url: input.responseUrl ?? fake.issueResponseUrl({ channel: channelId, user: input.user, messageTs, isEphemeral }),
    actions: [buildAction(found?.element, input, blockId)],
  };
}

export function buildViewSubmission(fake: FakeSlack, input: ViewSubmissionInput): { payload: Json; view: FakeView } {
  const view = resolveView(fake, input.user, input.view);
  const values = buildStateValues(view.blocks, input.values ?? {});
  const payload = {
    ...interactiveBase(fake, 'view_submission', input.user),
    view: { ...publicView(view), state: { values } },
    response_urls: [],
  };
  return { payload, view };
}

/** view_closed: sent only for modals opened with notify_on_close. */
export function buildViewClosed(fake: FakeSlack, userId: string, view: FakeView): Json {
  const { trigger_id: _trigger, ...base } = interactiveBase(fake, 'view_closed', userId);
  return { ...base, view: publicView(view), is_cleared: false };
}

/** Slash command form fields (strings, as Slack posts them). */
export function buildSlashCommand(fake: FakeSlack, input: SlashCommandInput): Record<string, string> {
  const channel = input.channel ?? fake.dmChannel(input.user);
  return {
    token: 'fake-verification-token',
    team_id: fake.teamId,
    team_domain: fake.teamDomain,
    channel_id: channel,
    channel_name: channel.startsWith('D') ? 'directmessage' : channel,
    user_id: input.user,
    user_name: fake.user(input.user)?.name ?? input.user,
    command: input.command ?? '/countersign',
    text: input.text ?? '',
    api_app_id: fake.appId,
    is_enterprise_install: 'false',
    response_url: fake.issueResponseUrl({ channel, user: input.user }),
    trigger_id: fake.issueTrigger(input.user),
  };
}

let eventCounter = 0;

/** The event_callback envelope of the Events API around one event. */
export function buildEventEnvelope(fake: FakeSlack, event: Json, eventId?: string): Json {
  eventCounter += 1;
  const now = Date.now() / 1000;
  return {
    token: 'fake-verification-token',
    team_id: fake.teamId,
    api_app_id: fake.appId,
    event: { event_ts: now.toFixed(6), ...event },
    type: 'event_callback',
    event_id: eventId ?? `Ev0FAKE${String(eventCounter).padStart(6, '0')}`,
    event_time: Math.floor(now),
    authorizations: [{ enterprise_id: null, team_id: fake.teamId, user_id: fake.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `fake-event-context-${eventCounter}`,
  };
}
