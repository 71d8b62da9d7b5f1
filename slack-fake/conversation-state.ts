// What a Slack workspace "contains" from the bot's point of view: users, DM channels,
// messages per channel (posted, edited in place, deleted), ephemerals and files.
// Pure in-memory state with no HTTP, so the Web API handlers, the simulators and a
// future browser sandbox all read and change the same thing.
import { withGeneratedIds } from './block-ids';
import { dmChannelFor, type SlackIds } from './ids';
import type { Block, FakeEphemeral, FakeFile, FakeMessage, FakeUser, FakeUserInput, Json, StateChange } from './types';

export interface WorkspaceConfig {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

interface StoredFile {
  file: FakeFile;
  content: Buffer;
}

export class ConversationState {
  readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, FakeMessage[]>();
  private readonly ephemeralList: FakeEphemeral[] = [];
  private readonly files = new Map<string, StoredFile>();
  /** files.getUploadURLExternal reservations, waiting for their bytes and files.completeUploadExternal. */
  readonly pendingUploads = new Map<string, { filename: string; length: number; bytes?: Buffer }>();

  constructor(
    readonly config: WorkspaceConfig,
    private readonly ids: SlackIds,
    private readonly emit: (change: StateChange) => void,
  ) {}

  /** Forget messages, ephemerals and files; users stay (they are the workspace, not the conversation). */
  clear(): void {
    this.channels.clear();
    this.ephemeralList.length = 0;
    this.files.clear();
    this.pendingUploads.clear();
  }

  addUser(input: FakeUserInput): FakeUser {
    const user: FakeUser = {
      real_name: input.name,
      display_name: input.name,
      tz: 'Europe/Paris',
      is_bot: false,
      is_admin: false,
      deleted: false,
      ...input,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** The deactivated person a DM channel (or user id) leads to, if any: Slack refuses to write there. */
  deactivatedBehind(channel: string): FakeUser | undefined {
    const resolved = this.resolveChannel(channel);
    return [...this.users.values()].find((u) => u.deleted && dmChannelFor(u.id) === resolved);
  }

  /** Slack lets a bot post to a user id: the message lands in the app's DM with that user. */
  resolveChannel(channel: string): string {
    return this.users.has(channel) || /^[UW][A-Z0-9]+$/.test(channel) ? dmChannelFor(channel) : channel;
  }

  messages(channel: string): FakeMessage[] {
    return this.channels.get(this.resolveChannel(channel)) ?? [];
  }

  /** Every channel with at least one message, for a sandbox that lists conversations. */
  channelIds(): string[] {
    return [...this.channels.keys()];
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages(channel).find((m) => m.ts === ts);
  }

  post(input: {
    channel: string;
    user: string;
    text?: string;
    blocks?: Block[];
    attachments?: Json[];
    files?: FakeFile[];
    thread_ts?: string;
    metadata?: Json;
    subtype?: string;
  }): FakeMessage {
    const channel = this.resolveChannel(input.channel);
    const fromBot = input.user === this.config.botUserId;
    const message: FakeMessage = {
      type: 'message',
      ts: this.ids.nextTs(),
      channel,
      user: input.user,
      ...(fromBot ? { bot_id: this.config.botId, app_id: this.config.appId } : {}),
      ...(input.subtype ? { subtype: input.subtype } : {}),
      text: input.text ?? '',
      ...(input.blocks ? { blocks: this.withIds(input.blocks) } : {}),
      ...(input.attachments ? { attachments: input.attachments } : {}),
      ...(input.files ? { files: input.files } : {}),
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
      ...(input.metadata ? { metadata: input.metadata } : {}),
      updates: 0,
    };
    const list = this.channels.get(channel) ?? [];
    list.push(message);
    this.channels.set(channel, list);
    this.emit({ kind: 'message.posted', channel, ts: message.ts });
    return message;
  }

  /** chat.update semantics: fields given replace the old ones; the ts stays. */
  update(channel: string, ts: string, patch: { text?: string; blocks?: Block[]; attachments?: Json[]; metadata?: Json }): FakeMessage | undefined {
    const message = this.findMessage(channel, ts);
    if (!message) return undefined;
    if (patch.text !== undefined) message.text = patch.text;
    if (patch.blocks !== undefined) message.blocks = this.withIds(patch.blocks);
    if (patch.attachments !== undefined) message.attachments = patch.attachments;
    if (patch.metadata !== undefined) message.metadata = patch.metadata;
    message.edited = { user: this.config.botUserId, ts: this.ids.nextTs() };
    message.updates += 1;
    this.emit({ kind: 'message.updated', channel: message.channel, ts });
    return message;
  }

  delete(channel: string, ts: string): boolean {
    const list = this.channels.get(this.resolveChannel(channel));
    const index = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    this.emit({ kind: 'message.deleted', channel: this.resolveChannel(channel), ts });
    return true;
  }

  addReaction(channel: string, ts: string, name: string, user: string): 'ok' | 'message_not_found' | 'already_reacted' {
    const message = this.findMessage(channel, ts);
    if (!message) return 'message_not_found';
    message.reactions ??= [];
    let reaction = message.reactions.find((r) => r.name === name);
    if (reaction?.users.includes(user)) return 'already_reacted';
    if (!reaction) {
      reaction = { name, users: [], count: 0 };
      message.reactions.push(reaction);
    }
    reaction.users.push(user);
    reaction.count = reaction.users.length;
    this.emit({ kind: 'reaction.added', channel: message.channel, ts, name });
    return 'ok';
  }

  postEphemeral(input: Omit<FakeEphemeral, 'ts'>): FakeEphemeral {
    const ephemeral: FakeEphemeral = {
      ...input,
      ...(input.blocks ? { blocks: this.withIds(input.blocks) } : {}),
      channel: this.resolveChannel(input.channel),
      ts: this.ids.nextTs(),
    };
    this.ephemeralList.push(ephemeral);
    this.emit({ kind: 'ephemeral.posted', channel: ephemeral.channel, user: ephemeral.user, ts: ephemeral.ts });
    return ephemeral;
  }

  /** Slack can replace an ephemeral in place through the response_url of a click on it. */
  replaceEphemeral(ts: string, patch: { text?: string; blocks?: Block[] }): FakeEphemeral | undefined {
    const ephemeral = this.ephemeralList.find((e) => e.ts === ts);
    if (ephemeral) Object.assign(ephemeral, patch, patch.blocks ? { blocks: this.withIds(patch.blocks) } : {});
    return ephemeral;
  }

  deleteEphemeral(ts: string): boolean {
    const index = this.ephemeralList.findIndex((e) => e.ts === ts);
    if (index >= 0) this.ephemeralList.splice(index, 1);
    return index >= 0;
  }

  ephemerals(user?: string): FakeEphemeral[] {
    return user === undefined ? this.ephemeralList : this.ephemeralList.filter((e) => e.user === user);
  }

  private withIds(blocks: Block[]): Block[] {
    return withGeneratedIds(blocks, () => this.ids.short());
  }

  addFile(input: { id?: string; name: string; title?: string; mimetype?: string; content: Buffer; ownerId: string }, baseUrl: string): FakeFile {
    const id = input.id ?? this.ids.next('F');
    const encodedName = encodeURIComponent(input.name);
    const file: FakeFile = {
      id,
      name: input.name,
      title: input.title ?? input.name,
      mimetype: input.mimetype ?? mimetypeFor(input.name),
      filetype: extensionOf(input.name),
      size: input.content.length,
      user: input.ownerId,
      created: Math.floor(Date.now() / 1000),
      url_private: `${baseUrl}/files/${id}/${encodedName}`,
      url_private_download: `${baseUrl}/files/${id}/download/${encodedName}`,
      permalink: `${baseUrl}/files/${id}`,
      channels: [],
    };
    this.files.set(id, { file, content: input.content });
    this.emit({ kind: 'file.created', fileId: id });
    return file;
  }

  file(id: string): FakeFile | undefined {
    return this.files.get(id)?.file;
  }

  fileContent(id: string): Buffer | undefined {
    return this.files.get(id)?.content;
  }

  allFiles(): FakeFile[] {
    return [...this.files.values()].map((f) => f.file);
  }
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : 'binary';
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Slack guesses the type from the name when the uploader does not give one. */
export function mimetypeFor(name: string): string {
  return MIME_BY_EXTENSION[extensionOf(name)] ?? 'application/octet-stream';
}
