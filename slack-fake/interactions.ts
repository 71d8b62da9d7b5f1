// What a person does in Slack, expressed against the fake's state: press a button they can
// see, fill and submit the modal in front of them, write or upload in the DM, open the App
// Home. Each finds the real thing in the fake (fails loudly if it is not there) and sends
// what Slack would send, through either simulator.
import { elementText, findElement } from './block-ids';
import { clickableMessages, resolveView } from './payloads';
import type { FakeSlack } from './fake-slack-api';
import type { SlackResponse, SlackSender, ViewSubmissionResponse } from './slack-client';
import type { FakeFile, FakeMessage, Json } from './types';
import type { ValuesInput } from './view-values';

export interface ClickTarget {
  userId: string;
  /** Channel of the message (a user id means the DM); default: the user's DM with the app. */
  channel?: string;
  actionId?: string;
  /** The button's visible label, when the test should not know action ids. */
  text?: string;
  /** Where the button is: a message (default), the user's top modal, or their App Home. */
  in?: 'message' | 'modal' | 'home';
}

const describeButtons = (blockLists: Array<Json[] | undefined>): string =>
  blockLists
    .flatMap((blocks) => (blocks ?? []).flatMap((b) => [...(Array.isArray(b.elements) ? b.elements : []), b.accessory]))
    .filter((e): e is Json => typeof e === 'object' && e !== null && (e as Json).type === 'button')
    .map((e) => `${elementText(e) ?? '?'} (${String(e.action_id)})`)
    .join(', ') || 'none';

function sameFake(fake: FakeSlack, client: SlackSender): void {
  // The client issues triggers and response_urls on its own fake; mixing two would send ids the other never issued.
  if (client.fake !== fake) throw new Error('the client was created for another FakeSlack');
}

/** Press a button: in the newest message (or ephemeral) that shows it, or in a modal / App Home. */
export function clickButton(fake: FakeSlack, client: SlackSender, target: ClickTarget): Promise<SlackResponse> {
  sameFake(fake, client);
  if (!target.actionId && !target.text) throw new Error('clickButton needs actionId or text');
  const matches = (e: Json) => e.type === 'button' && (target.actionId ? e.action_id === target.actionId : elementText(e) === target.text);
  const wanted = target.actionId ?? `"${target.text}"`;

  if (target.in === 'modal' || target.in === 'home') {
    const view = target.in === 'home' ? fake.homeView(target.userId) : resolveView(fake, target.userId, undefined);
    const found = view ? findElement(view.blocks, matches) : undefined;
    if (!view || !found) throw new Error(`no button ${wanted} in the ${target.in} of ${target.userId}; buttons: ${describeButtons([view?.blocks])}`);
    return client.sendBlockAction({
      user: target.userId,
      view,
      actionId: String(found.element.action_id),
      blockId: String(found.block.block_id),
    });
  }

  const channel = target.channel ?? fake.dmChannel(target.userId);
  const sources = clickableMessages(fake, target.userId, channel);
  for (const source of sources) {
    const found = findElement(source.message.blocks, matches);
    if (!found) continue;
    return client.sendBlockAction({
      user: target.userId,
      channel: source.message.channel,
      messageTs: source.message.ts,
      actionId: String(found.element.action_id),
      blockId: String(found.block.block_id),
    });
  }
  throw new Error(`no message in ${channel} visible to ${target.userId} has a button ${wanted}; buttons there: ${describeButtons(sources.map((s) => s.message.blocks))}`);
}

/** Submit the user's top modal (or the given view id), with values by block_id / action_id. */
export function submitView(fake: FakeSlack, client: SlackSender, input: { userId: string; values?: ValuesInput; viewId?: string }): Promise<ViewSubmissionResponse> {
  sameFake(fake, client);
  return client.sendViewSubmission({ user: input.userId, view: input.viewId, values: input.values });
}

/** The user writes in a channel (default: their DM with the app): recorded in the fake, then the `message` event. */
export function sendUserMessage(client: SlackSender, input: { userId: string; text: string; channel?: string; threadTs?: string }): Promise<SlackResponse & { message: FakeMessage }> {
  const message = client.fake.postAsUser({ userId: input.userId, channel: input.channel, text: input.text, thread_ts: input.threadTs });
  return client.sendEvent(messageEvent(client, message)).then((r) => ({ ...r, message }));
}

/**
 * The user uploads a file in a channel (default: their DM). Slack then fires both a
 * `message` (subtype file_share) and, if asked, a `file_shared` event carrying only the id.
 */
export async function shareFileAsUser(
  client: SlackSender,
  input: { userId: string; name: string; content: Buffer; mimetype?: string; text?: string; channel?: string; alsoFileShared?: boolean },
): Promise<{ file: FakeFile; message: FakeMessage; responses: SlackResponse[] }> {
  const { fake } = client;
  const file = fake.addFile({ name: input.name, mimetype: input.mimetype, content: input.content, ownerId: input.userId });
  const message = fake.postAsUser({ userId: input.userId, channel: input.channel, text: input.text ?? '', files: [file], subtype: 'file_share' });
  const responses = [await client.sendEvent(messageEvent(client, message))];
  if (input.alsoFileShared) {
    responses.push(
      await client.sendEvent({ type: 'file_shared', file_id: file.id, user_id: input.userId, file: { id: file.id }, channel_id: message.channel }),
    );
  }
  return { file, message, responses };
}

/** The user opens the app's Home tab. */
export function openAppHome(client: SlackSender, userId: string): Promise<SlackResponse> {
  const { fake } = client;
  const home = fake.homeView(userId);
  return client.sendEvent({
    type: 'app_home_opened',
    user: userId,
    channel: fake.dmChannel(userId),
    tab: 'home',
    ...(home ? { view: home } : {}),
  });
}

function messageEvent(client: SlackSender, message: FakeMessage): Json {
  const { fake } = client;
  return {
    type: 'message',
    ...(message.subtype ? { subtype: message.subtype } : {}),
    channel: message.channel,
    channel_type: message.channel.startsWith('D') ? 'im' : message.channel.startsWith('G') ? 'mpim' : 'channel',
    user: message.user,
    text: message.text,
    ts: message.ts,
    event_ts: message.ts,
    team: fake.teamId,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(message.files ? { files: message.files } : {}),
    ...(message.subtype ? {} : { client_msg_id: `fake-${message.ts}` }),
  };
}
