// The people of the sandbox workspace: Slack users the fake knows (ids, names, time zones)
// and the Countersign roles the sandbox grants them through the bot on first start / reset.
import type { FakeUserInput } from '../slack-fake';

/** Roles as typed after `/countersign role add @user …`. */
export type SandboxRole = 'admin' | 'bookkeeper' | 'coordinator' | 'approver' | 'employee' | 'auditor' | 'payment-manager';

export interface SandboxPerson {
  /** Slack user id: U + capitals / digits (what Slack and the bot's mention parser accept). */
  id: string;
  /** Slack handle, typed as @handle in the sandbox's message box. */
  handle: string;
  /** Full name, shown everywhere. */
  realName: string;
  /** What they do, shown under the name in the "view as" list. */
  title: string;
  /** IANA time zone (users.info reports it; dates render in it). */
  tz: string;
  roles: SandboxRole[];
}

export const DEFAULT_PEOPLE: SandboxPerson[] = [
  { id: 'U0ADMIN', handle: 'ada', realName: 'Ada Lindqvist', title: 'Administrator', tz: 'Europe/Stockholm', roles: ['admin'] },
  { id: 'U0BOOKKEEPER', handle: 'bruno', realName: 'Bruno Keller', title: 'Bookkeeper', tz: 'Europe/Berlin', roles: ['bookkeeper'] },
  { id: 'U0COORD1', handle: 'camille', realName: 'Camille Roux', title: 'Coordinator · Operations', tz: 'Europe/Paris', roles: ['coordinator'] },
  { id: 'U0COORD2', handle: 'kaarel', realName: 'Kaarel Tamm', title: 'Coordinator · Finance', tz: 'Europe/Tallinn', roles: ['coordinator'] },
  { id: 'U0APPROVER1', handle: 'priya', realName: 'Priya Nair', title: 'Approver · CFO', tz: 'Europe/London', roles: ['approver'] },
  { id: 'U0APPROVER2', handle: 'diego', realName: 'Diego Alvarez', title: 'Approver · CEO', tz: 'Europe/Madrid', roles: ['approver'] },
  { id: 'U0EMPLOYEE', handle: 'eva', realName: 'Eva Mets', title: 'Employee · Sales', tz: 'Europe/Tallinn', roles: ['employee'] },
  { id: 'U0AUDITOR', handle: 'otto', realName: 'Otto Virtanen', title: 'Auditor', tz: 'Europe/Helsinki', roles: ['auditor'] },
];

/** Slack ids of the default administrators: give them to COUNTERSIGN_ADMINS. */
export const SANDBOX_ADMIN_IDS: readonly string[] = DEFAULT_PEOPLE.filter((p) => p.roles.includes('admin')).map((p) => p.id);

const SLACK_ID = /^[UW][A-Z0-9]+$/;
const HANDLE = /^[a-z0-9][a-z0-9._-]*$/;

/** Refuses people the bot or Slack would not accept (bad ids, duplicate handles). */
export function checkPeople(people: SandboxPerson[]): void {
  if (people.length === 0) throw new Error('the sandbox needs at least one person');
  const ids = new Set<string>();
  const handles = new Set<string>();
  for (const p of people) {
    if (!SLACK_ID.test(p.id)) throw new Error(`sandbox person ${p.id}: a Slack user id is U or W followed by capitals and digits`);
    if (!HANDLE.test(p.handle)) throw new Error(`sandbox person ${p.id}: handle "${p.handle}" must be lower case letters, digits, '.', '_' or '-'`);
    if (ids.has(p.id)) throw new Error(`sandbox person ${p.id} is listed twice`);
    if (handles.has(p.handle)) throw new Error(`sandbox handle @${p.handle} is used twice`);
    ids.add(p.id);
    handles.add(p.handle);
  }
}

/** The users the fake Slack knows. */
export function fakeUsers(people: SandboxPerson[]): FakeUserInput[] {
  return people.map((p) => ({ id: p.id, name: p.handle, real_name: p.realName, display_name: p.realName.split(' ')[0] ?? p.realName, tz: p.tz, is_admin: p.roles.includes('admin') }));
}

/** Administrators among `people` (the seeding runs as the first one). */
export function adminIds(people: SandboxPerson[]): string[] {
  return people.filter((p) => p.roles.includes('admin')).map((p) => p.id);
}
