// Shapes shared by the fake Slack server, its state and the request simulators.
// They mirror the JSON Slack sends and returns, loosely typed on purpose: the fake must
// accept whatever the bot sends, and the validators decide what Slack would refuse.

/** A JSON object as it travels over the wire. */
export type Json = Record<string, unknown>;

/** A Block Kit block as received (never trusted to be well-formed). */
export type Block = Json;

export interface FakeUser {
  id: string;
  name: string;
  real_name: string;
  display_name: string;
  tz: string;
  /** Slack's locale ('fr-FR'); users.info gives it only with include_locale, 'en-US' when unset. */
  locale?: string;
  email?: string;
  is_bot: boolean;
  is_admin: boolean;
  deleted: boolean;
}

/** What callers give to addUser / startFakeSlack: only id and name are required. */
export type FakeUserInput = Pick<FakeUser, 'id' | 'name'> & Partial<Omit<FakeUser, 'id' | 'name'>>;

export interface FakeReaction {
  name: string;
  users: string[];
  count: number;
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  created: number;
  url_private: string;
  url_private_download: string;
  permalink: string;
  /** Channels the file was shared into. */
  channels: string[];
}

export interface FakeMessage {
  type: 'message';
  ts: string;
  channel: string;
  /** Author: the bot user for messages the app posts, a human for simulated user messages. */
  user: string;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  text: string;
  blocks?: Block[];
  attachments?: Json[];
  files?: FakeFile[];
  thread_ts?: string;
  metadata?: Json;
  reactions?: FakeReaction[];
  edited?: { user: string; ts: string };
  /** Number of chat.update calls applied to this message. */
  updates: number;
}

export interface FakeEphemeral {
  ts: string;
  channel: string;
  /** The one user who sees it. */
  user: string;
  text: string;
  blocks?: Block[];
  attachments?: Json[];
  thread_ts?: string;
  /** Where it came from: chat.postEphemeral, a response_url, or a slash-command ack body. */
  source: 'chat.postEphemeral' | 'response_url' | 'command_ack';
}

export interface FakeView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  callback_id: string;
  private_metadata: string;
  external_id: string;
  title?: Json;
  submit?: Json;
  close?: Json;
  blocks: Block[];
  notify_on_close: boolean;
  clear_on_close: boolean;
  state: { values: Record<string, Record<string, Json>> };
  hash: string;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  /** The user whose screen shows it. */
  user_id: string;
  /** Field errors the app returned with response_action: errors, by block_id. */
  errors?: Record<string, string>;
}

/** One request the app made to the fake (Web API method, upload, download, response_url). */
export interface RecordedCall {
  /** Web API method name, or `response_url`, `files.upload`, `files.download`. */
  method: string;
  args: Json;
  token: string | undefined;
  /** Date.now() when the call arrived. */
  at: number;
  /** What the fake answered (the JSON body). */
  result: Json;
}

/** Something that changed in the fake's conversation state (for a UI or a test to react to). */
export type StateChange =
  | { kind: 'message.posted' | 'message.updated' | 'message.deleted'; channel: string; ts: string }
  | { kind: 'ephemeral.posted'; channel: string; user: string; ts: string }
  | { kind: 'view.opened' | 'view.updated' | 'view.closed'; user: string; viewId: string }
  | { kind: 'home.published'; user: string; viewId: string }
  | { kind: 'file.created'; fileId: string }
  | { kind: 'reaction.added'; channel: string; ts: string; name: string };

/** Who may be answered where a response_url points. */
export interface ResponseUrlTarget {
  channel: string;
  user: string;
  /** The message the interaction came from, for replace_original / delete_original. */
  messageTs?: string;
  isEphemeral?: boolean;
}
