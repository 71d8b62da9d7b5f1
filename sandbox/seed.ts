// The sandbox's first setup, done the way an administrator would do it in Slack: typed
// `/countersign …` commands sent as the first administrator through the real signed
// slash-command path, so the bot grants the roles, code lists and the default chain itself.
// Every command is idempotent in the bot (role add / codes add / chain set), so seeding
// again after a restart or a reset is harmless.
import type { FakeSlack, SlackSender } from '../slack-fake';
import type { SandboxPerson } from './people';
import { typedToSlack } from './typed-text';

export interface SeedStep {
  /** The command as typed (after `/countersign `). */
  command: string;
  /** The bot's private answer. */
  reply: string;
  ok: boolean;
}

export interface SeedReport {
  ok: boolean;
  /** Who the commands were sent as. */
  admin: string | null;
  steps: SeedStep[];
  /** Timestamps of the answers, which the page keeps out of the admin's DM. */
  replyTs: string[];
  error?: string;
}

/** A small chart of accounts and VAT codes, so the coding form has real choices. */
export const SANDBOX_CODES: ReadonlyArray<readonly [type: 'account' | 'vat' | 'cost-centre' | 'project', code: string, label: string]> = [
  ['account', '6000', 'Office supplies'],
  ['account', '6200', 'Software and subscriptions'],
  ['account', '6500', 'Travel'],
  ['account', '6800', 'Meals & entertainment'],
  ['vat', 'VAT24', 'Standard rate 24 %'],
  ['vat', 'VAT9', 'Reduced rate 9 %'],
  ['vat', 'VAT0', 'Zero rated / reverse charge'],
  ['cost-centre', 'OPS', 'Operations'],
  ['cost-centre', 'SALES', 'Sales'],
  ['project', 'ATLAS', 'Project Atlas'],
];

/** The commands the seeding sends, as the administrator would type them. */
export function seedCommands(people: SandboxPerson[]): string[] {
  const commands: string[] = [];
  const admins = people.filter((p) => p.roles.includes('admin'));
  const first = admins[0];
  for (const p of people) {
    for (const role of p.roles) {
      // The first admin is one already (COUNTERSIGN_ADMINS); everyone starts as an employee.
      if (role === 'employee' || (role === 'admin' && p === first)) continue;
      commands.push(`role add @${p.handle} ${role}`);
    }
  }
  for (const [type, code, label] of SANDBOX_CODES) commands.push(`codes add ${type} ${code} ${label}`);
  const approvers = people.filter((p) => p.roles.includes('approver'));
  // One person sits in one stage of a chain (domain/chains.ts): someone who is both is a final approver.
  const coordinators = people.filter((p) => p.roles.includes('coordinator') && !approvers.includes(p));
  if (approvers.length > 0) {
    const at = (list: SandboxPerson[]) => list.map((p) => `@${p.handle}`).join(' ');
    const stages = ['coding', ...(coordinators.length > 0 ? [`coordinate all ${at(coordinators)}`] : []), `approve any ${at(approvers)}`];
    commands.push(`chain set default : ${stages.join(' ; ')}`, 'chain default default');
  }
  return commands;
}

const FAILED = /^(🚫|⚠️)/u;

/**
 * Sends the seeding commands one after the other (a chain names people whose roles must
 * exist first), each time waiting for the bot's private answer.
 */
export async function runSeed(p: { fake: FakeSlack; slack: SlackSender; people: SandboxPerson[]; timeoutMs?: number }): Promise<SeedReport> {
  const admin = p.people.find((x) => x.roles.includes('admin'));
  if (!admin) return { ok: false, admin: null, steps: [], replyTs: [], error: 'no administrator among the sandbox people: nothing was seeded' };
  const steps: SeedStep[] = [];
  const replyTs: string[] = [];
  for (const command of seedCommands(p.people)) {
    const before = new Set(p.fake.ephemerals(admin.id).map((e) => e.ts));
    const response = await p.slack.sendSlashCommand({ user: admin.id, text: typedToSlack(command, p.people, 'command') });
    if (response.status !== 200) {
      steps.push({ command, reply: `the app answered HTTP ${response.status}`, ok: false });
      return { ok: false, admin: admin.id, steps, replyTs, error: `/countersign ${command}: the app answered HTTP ${response.status}` };
    }
    const reply = await p.fake
      .waitUntil(() => p.fake.ephemerals(admin.id).find((e) => !before.has(e.ts)), { timeoutMs: p.timeoutMs ?? 15_000, describe: () => `no answer to /countersign ${command}` })
      .catch(() => undefined);
    if (!reply) {
      steps.push({ command, reply: 'no answer from the app', ok: false });
      return { ok: false, admin: admin.id, steps, replyTs, error: `/countersign ${command}: no answer from the app` };
    }
    replyTs.push(reply.ts);
    steps.push({ command, reply: reply.text, ok: !FAILED.test(reply.text) });
  }
  const failed = steps.find((s) => !s.ok);
  return { ok: !failed, admin: admin.id, steps, replyTs, ...(failed ? { error: `/countersign ${failed.command}: ${failed.reply}` } : {}) };
}
