// The seeded workspace with Slack-shaped ids (U0…: what the fake and the mention parser
// accept), one person per role, known both to the engine and to the fake Slack.
import type { Role } from '../../domain';
import type { Db } from '../../data/db';
import { ensureUser, ensureWorkspace } from '../../client/directory';
import { PEOPLE, type Person } from './seed';
import type { FakeUserInput } from '../../slack-fake';

// The same people as the engine seed (seed.ts), with Slack-shaped ids.
const ROLES = PEOPLE;
export type Who = Person;

export const SLACK: Record<Who, string> = Object.fromEntries(Object.keys(ROLES).map((k) => [k, `U0${k.toUpperCase()}`])) as Record<Who, string>;

export const FAKE_USERS: FakeUserInput[] = (Object.keys(ROLES) as Who[]).map((k) => ({ id: SLACK[k], name: k, real_name: `${k[0]!.toUpperCase()}${k.slice(1)} Tester`, tz: 'Europe/Tallinn' }));

export interface SlackSeed {
  workspaceId: string;
  /** Internal user ids. */
  id: Record<Who, string>;
}

export async function seedSlackWorkspace(db: Db, workspaceId: string): Promise<SlackSeed> {
  await ensureWorkspace(db, { id: workspaceId, name: 'Bot tests' });
  const id = {} as Record<Who, string>;
  for (const [who, roles] of Object.entries(ROLES) as [Who, Role[]][]) {
    const u = await ensureUser(db, { workspaceId, slackId: SLACK[who], name: who, roles, tzOffsetMinutes: 120 });
    id[who] = u.id;
  }
  return { workspaceId, id };
}
