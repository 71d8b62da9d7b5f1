// Issue 13 #12: the sandbox's people (its administrator, the fake approvers of its default chain)
// keep no power once real Slack credentials are set: start-up retires them, and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser, ensureWorkspace } from '../../client/directory';
import { retireSandboxData } from '../../runtime/sandbox-retire';
import { DEFAULT_PEOPLE } from '../../sandbox';
import type { Role } from '../../domain';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
const W = 'WSANDBOX';

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureWorkspace(t.db, { id: W, name: 'Was a sandbox' });
});
afterAll(() => t?.drop());

describe('retiring sandbox data', () => {
  it('takes the sandbox people’s roles, their chains and substitutions, keeps real people, and logs it', async () => {
    const fake = await Promise.all(DEFAULT_PEOPLE.map((p) => ensureUser(t.db, { workspaceId: W, slackId: p.id, name: p.realName, roles: p.roles.map((r) => r.replace('-', '_')) as Role[] })));
    const admin = fake[DEFAULT_PEOPLE.findIndex((p) => p.roles.includes('admin'))]!;
    const real = await ensureUser(t.db, { workspaceId: W, slackId: 'UREALCFO1', name: 'Real CFO', roles: ['approver'] });
    await t.db.chain.create({ data: { id: 'ch_sandbox', workspaceId: W, name: 'default', isDefault: true, stages: [{ type: 'approve', mode: 'any', assignees: [fake[1]!.id] }] } });
    await t.db.chain.create({ data: { id: 'ch_real', workspaceId: W, name: 'real', stages: [{ type: 'approve', mode: 'any', assignees: [real.id] }] } });
    await t.db.substitution.create({ data: { id: 'sub_fake', workspaceId: W, substituteId: fake[2]!.id, forUserId: real.id, startsAt: new Date(), endsAt: new Date(Date.now() + 86_400_000), createdById: admin.id } });
    const lines: unknown[] = [];
    const r = await retireSandboxData(t.db, { info: (...a: unknown[]) => void lines.push(a) } as never);
    expect(r.chains).toEqual(['default']);
    expect(r.substitutions).toBe(1);
    expect(r.people).toBe(DEFAULT_PEOPLE.filter((p) => p.roles.some((x) => x !== 'employee')).length);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).roles).toEqual(['employee']);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: real.id } })).roles).toContain('approver');
    expect((await t.db.chain.findMany({ where: { workspaceId: W } })).map((c) => c.name)).toEqual(['real']);
    expect((await t.db.substitution.findUniqueOrThrow({ where: { id: 'sub_fake' } })).removedAt).not.toBeNull();
    expect(JSON.stringify(lines)).toMatch(/sandbox people lost their roles/);
    // Once retired, a later start changes nothing and says nothing.
    lines.length = 0;
    expect(await retireSandboxData(t.db, { info: (...a: unknown[]) => void lines.push(a) } as never)).toEqual({ people: 0, chains: [], substitutions: 0 });
    expect(lines).toEqual([]);
  });
});
