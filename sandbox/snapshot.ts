// What the page shows for one person, read from the fake's conversation state: their DM
// with the app (messages, their ephemerals, thread replies under their parent), their App
// Home and the modal in front of them. Plain JSON; the page renders it.
import type { FakeEphemeral, FakeFile, FakeMessage, FakeSlack, FakeView, Json } from '../slack-fake';
import type { SandboxPerson } from './people';
import type { SeedReport } from './seed';

export interface SandboxFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  /** Served by the sandbox (the fake's private URL needs the bot token). */
  url: string;
}

export interface DmItem {
  kind: 'message' | 'ephemeral';
  ts: string;
  /** Author (the bot user for the app's messages). */
  user: string;
  text: string;
  blocks?: Json[];
  attachments?: Json[];
  files?: SandboxFile[];
  subtype?: string;
  thread_ts?: string;
  edited: boolean;
  replies: DmItem[];
}

export interface PersonSummary extends SandboxPerson {
  /** Messages and ephemerals in their DM, for "new" badges. */
  dmCount: number;
  hasModal: boolean;
}

export type SeedStatus = { status: 'pending' | 'running' } | { status: 'done' | 'failed'; report: SeedReport };

export interface Snapshot {
  version: number;
  team: { id: string; domain: string; botUserId: string; botName: string };
  /** The fake's base URL: links the app sends to it are rewritten to the sandbox. */
  fakeBaseUrl: string;
  people: PersonSummary[];
  seed: SeedStatus;
  me: string;
  dm: { channel: string; items: DmItem[] };
  home: FakeView | null;
  modal: FakeView | null;
  modalDepth: number;
}

export function sandboxFile(file: FakeFile): SandboxFile {
  return { id: file.id, name: file.name, title: file.title, mimetype: file.mimetype, size: file.size, url: `/files/${encodeURIComponent(file.id)}/${encodeURIComponent(file.name)}` };
}

function item(m: FakeMessage | FakeEphemeral, kind: DmItem['kind'], botUserId: string): DmItem {
  // An ephemeral's `user` is the one person who sees it; it always comes from the app.
  const out: DmItem = { kind, ts: m.ts, user: kind === 'ephemeral' ? botUserId : m.user, text: m.text, edited: 'edited' in m && m.edited !== undefined, replies: [] };
  if (m.blocks) out.blocks = m.blocks;
  if (m.attachments) out.attachments = m.attachments;
  if ('files' in m && m.files) out.files = m.files.map(sandboxFile);
  if ('subtype' in m && m.subtype) out.subtype = m.subtype;
  if (m.thread_ts) out.thread_ts = m.thread_ts;
  return out;
}

/** The DM as a person sees it: oldest first, ephemerals in place, replies under their parent. */
export function dmItems(fake: FakeSlack, userId: string, hidden: ReadonlySet<string>): DmItem[] {
  const channel = fake.dmChannel(userId);
  const all = [
    ...fake.messages(channel).map((m) => item(m, 'message', fake.botUserId)),
    ...fake
      .ephemerals(userId)
      .filter((e) => e.channel === channel && !hidden.has(e.ts))
      .map((e) => item(e, 'ephemeral', fake.botUserId)),
  ].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const byTs = new Map(all.filter((i) => i.kind === 'message').map((i) => [i.ts, i]));
  const top: DmItem[] = [];
  for (const i of all) {
    const parent = i.thread_ts && i.thread_ts !== i.ts ? byTs.get(i.thread_ts) : undefined;
    if (parent) parent.replies.push(i);
    else top.push(i);
  }
  return top;
}

export function buildSnapshot(p: { fake: FakeSlack; people: SandboxPerson[]; me: string; version: number; seed: SeedStatus; hidden: ReadonlySet<string> }): Snapshot {
  const { fake } = p;
  const people = p.people.map((person) => ({
    ...person,
    dmCount: fake.messages(fake.dmChannel(person.id)).length + fake.ephemerals(person.id).filter((e) => !p.hidden.has(e.ts)).length,
    hasModal: fake.openViews(person.id).length > 0,
  }));
  const views = fake.openViews(p.me);
  return {
    version: p.version,
    team: { id: fake.teamId, domain: fake.teamDomain, botUserId: fake.botUserId, botName: fake.user(fake.botUserId)?.real_name ?? 'Countersign' },
    fakeBaseUrl: fake.baseUrl,
    people,
    seed: p.seed,
    me: p.me,
    dm: { channel: fake.dmChannel(p.me), items: dmItems(fake, p.me, p.hidden) },
    home: fake.homeView(p.me) ?? null,
    modal: views.at(-1) ?? null,
    modalDepth: views.length,
  };
}
