// When real Slack credentials are set after the sandbox ran, the sandbox's people must not keep
// their power: its fake administrator could otherwise still configure, and its default chain
// would route real documents to fake approvers. Their users stay (documents and the audit log
// name them) but lose every role; chains that assign any of them, and their substitutions, go.
import type { Db } from '../data/db';
import { DEFAULT_PEOPLE } from '../sandbox';
import type { Logger } from './logger';

export interface RetiredSandbox {
  people: number;
  chains: string[];
  substitutions: number;
}

export async function retireSandboxData(db: Db, log: Pick<Logger, 'info'>, now = new Date()): Promise<RetiredSandbox> {
  const slackIds = DEFAULT_PEOPLE.map((p) => p.id);
  const users = await db.user.findMany({ where: { slackId: { in: slackIds } }, select: { id: true, workspaceId: true, roles: true, codingRight: true } });
  const active = users.filter((u) => u.roles.some((r) => r !== 'employee') || u.codingRight);
  const ids = new Set(users.map((u) => u.id));
  const result = await db.$transaction(async (tx) => {
    if (active.length > 0) await tx.user.updateMany({ where: { id: { in: active.map((u) => u.id) } }, data: { roles: ['employee'], codingRight: false } });
    const chains = (await tx.chain.findMany({ where: { workspaceId: { in: [...new Set(users.map((u) => u.workspaceId))] } } })).filter((c) =>
      (c.stages as { assignees?: string[] }[]).some((s) => (s.assignees ?? []).some((a) => ids.has(a))),
    );
    if (chains.length > 0) await tx.chain.deleteMany({ where: { id: { in: chains.map((c) => c.id) } } });
    const subs = await tx.substitution.updateMany({ where: { removedAt: null, OR: [{ substituteId: { in: [...ids] } }, { forUserId: { in: [...ids] } }] }, data: { removedAt: now } });
    return { people: active.length, chains: chains.map((c) => c.name), substitutions: subs.count };
  });
  if (result.people + result.chains.length + result.substitutions > 0) {
    log.info(result, 'Real Slack credentials are set: the sandbox people lost their roles, and chains and substitutions naming them were removed');
  }
  return result;
}
