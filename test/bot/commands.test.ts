// Every `/countersign` subcommand over signed HTTP, each with one good and one bad input:
// a syntax error gets the exact problem and the usage line (in the ack), an administrator
// command from a non-administrator is refused with the service's reason (via response_url).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDocumentId } from '../../client/queries';
import { homeBlocks } from '../../bot/home';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { SLACK } from '../../scripts/lib/slack-people';
import { buttons, textOf, waitEphemeral, waitMessage } from './support/slack-view';

let h: BotHarness;
let reference = '';

beforeAll(async () => {
  h = await startBotHarness({ extraction: false });
  h.fake.addUser({ id: 'U0NEWBIE', name: 'newbie', real_name: 'Nina Newbie', tz: 'America/New_York' });
  const doc = await h.engine.engine.submit({ workspaceId: h.seed.workspaceId, submitterId: h.seed.id.emp, kind: 'expense', fields: { supplierName: 'Taxi Tallinn', totalAmount: '18.40', currency: 'EUR' } });
  reference = doc.reference;
  await h.engine.notifier.waitFor((e) => e.documentId === doc.documentId && e.kind === 'confirm_request');
});
afterAll(async () => h?.close());

async function run(user: string, text: string): Promise<string> {
  const before = h.fake.ephemerals(user).length;
  const r = await h.slack.sendSlashCommand({ user, text });
  expect(r.status).toBe(200);
  return (await waitEphemeral(h.fake, user, () => true, before)).text;
}

const A = SLACK.admin;
const E = SLACK.emp;

type Case = [subcommand: string, user: string, text: string | (() => string), expected: RegExp];

// Order matters: later rows use what earlier rows created.
const CASES: Case[] = [
  ['help', E, 'help', /Countersign\* — approvals for purchase invoices/],
  ['help (bad)', E, 'frobnicate', /Unknown command "frobnicate"[\s\S]*Usage: \*Countersign\*/],
  ['role add', A, 'role add <@U0NEWBIE|newbie> approver', /Nina Newbie is now approver/],
  ['role add (bad syntax)', A, `role add <@${E}> wizard`, /Unknown role "wizard"[\s\S]*Usage: \/countersign role add\|remove @user ROLE/],
  ['role add (non-admin)', E, `role add <@${SLACK.emp2}> admin`, /Only an administrator can do that/],
  ['role remove', A, 'role remove <@U0NEWBIE> approver', /Nina Newbie is no longer approver/],
  ['role remove (last admin)', A, `role remove <@${A}> admin`, /always be at least one administrator/],
  ['roles', A, 'roles', new RegExp(`^(?=[\\s\\S]*<@${SLACK.appr1}>: employee, approver\n)(?=[\\s\\S]*<@U0NEWBIE>: employee\n)`)],
  ['roles @me', E, `roles <@${E}|emp>`, new RegExp(`<@${E}>: employee`)],
  ['roles (non-admin, everyone)', E, 'roles', /Only an administrator or an auditor/],
  ['roles (bad syntax)', A, 'roles bob', /"bob" is not a user[\s\S]*Usage: \/countersign roles/],
  ['chain set', A, `chain set small kind=expense max=500 : approve any <@${SLACK.appr1}>`, /Chain small saved/],
  ['chain set (second)', A, `chain set other : coordinate all <@${SLACK.coord1}> ; approve any <@${SLACK.cfo}>`, /Chain other saved/],
  ['chain set (wrong role)', A, `chain set big : approve any <@${E}>`, new RegExp(`Stage 1: <@${E}> does not hold the approver role`)],
  ['chain set (bad syntax)', A, `chain set x : coordinate all <@${SLACK.coord1}>`, /last stage must be an approve stage[\s\S]*Usage: \/countersign chain set/],
  ['chain default', A, 'chain default small', /small is now the default chain/],
  ['chain default (unknown)', A, 'chain default nope', /There is no chain named nope/],
  ['chain list', A, 'chain list', new RegExp(`small \\(default, expense, < 500\\): approve ANY <@${SLACK.appr1}>[\\s\\S]*other: coordinate ALL <@${SLACK.coord1}> → approve ANY <@${SLACK.cfo}>`)],
  ['chain list (non-admin)', E, 'chain list', /Only an administrator or an auditor can see the approval chains/],
  ['chain show', SLACK.auditor, 'chain show other', /other: coordinate ALL/],
  ['chain show (bad syntax)', A, 'chain show', /Missing the chain name[\s\S]*Usage: \/countersign chain show NAME/],
  ['chain remove (non-admin)', E, 'chain remove other', /Only an administrator can do that/],
  ['chain remove', A, 'chain remove other', /Chain other removed/],
  ['substitute', E, `substitute <@${SLACK.emp2}> for me from 2030-01-01 to 2030-01-05`, new RegExp(`<@${SLACK.emp2}> substitutes for <@${E}> from 2030-01-01 to 2030-01-05.*ID: \`sub_`)],
  ['substitute (for someone else)', E, `substitute <@${SLACK.emp2}> for <@${SLACK.appr1}> from 2030-01-01 to 2030-01-05`, /for yourself only/],
  ['substitute (bad date)', E, `substitute <@${SLACK.emp2}> for me from 2030-02-30 to 2030-03-01`, /"2030-02-30" is not a real date[\s\S]*Usage: \/countersign substitute @user/],
  ['substitutes', E, 'substitutes', new RegExp(`\`sub_[0-9a-f]+\` <@${SLACK.emp2}> for <@${E}>`)],
  ['substitutes (bad syntax)', E, 'substitutes now', /Unexpected "now" after substitutes/],
  ['substitute remove (unknown)', E, 'substitute remove sub_nope', /There is no substitution sub_nope/],
  ['substitute remove', E, () => `substitute remove ${subId}`, /Substitution removed/],
  ['settings (change)', A, `settings reminder=2h escalation=1d escalate-to=<@${SLACK.cfo}>`, new RegExp(`Settings saved\\. Reminder after \\*2h\\*, escalation after \\*1d\\* to <@${SLACK.cfo}>`)],
  ['settings (show)', A, 'settings', /Reminder after \*2h\*/],
  ['settings (show, employee)', E, 'settings', /^🚫 Only an administrator or an auditor can see the workspace configuration\./],
  ['settings (non-admin)', E, 'settings reminder=1h', /Only an administrator can do that/],
  ['settings (bad syntax)', A, 'settings reminder=1d escalation=2h', /escalation must be longer than reminder[\s\S]*Usage: \/countersign settings/],
  ['codes add', A, 'codes add cost-centre CC-10 Sales team', /cost_centre CC-10 saved/],
  ['codes add (non-admin)', E, 'codes add account 6000 Rent', /Only an administrator can do that/],
  ['codes add (bad syntax)', A, 'codes add colour X Y', /Unknown code type "colour"/],
  ['codes list', E, 'codes list cost-centre', /cost-centre `CC-10` Sales team/],
  ['codes list (bad syntax)', E, 'codes list colour', /Unknown code type "colour"/],
  ['status', E, () => `status ${reference}`, /Taxi Tallinn[\s\S]*Status: \*waiting for confirmation\*[\s\S]*created by/],
  ['status (not visible)', SLACK.emp2, () => `status ${reference}`, /You do not have access to this document/],
  ['status (unknown)', E, 'status DOC-99999', /There is no document DOC-99999/],
  ['status (bad syntax)', E, 'status', /Missing the document ID/],
  ['export', SLACK.auditor, 'export audit from 2025-01-01 to 2025-01-31 csv', /Preparing the audit log from 2025-01-01 to 2025-01-31/],
  ['export (bad syntax)', SLACK.auditor, 'export stuff', /Cannot export "stuff"/],
];

let subId = '';

describe('/countersign', () => {
  it.each(CASES)('%s', async (_name, user, text, expected) => {
    const reply = await run(user, typeof text === 'function' ? text() : text);
    expect(reply).toMatch(expected);
    const sub = /ID: `(sub_[0-9a-f]+)`/.exec(reply);
    if (sub?.[1]) subId = sub[1];
  });

  it('applied what the good rows asked, in the database', async () => {
    const ws = h.seed.workspaceId;
    const newbie = await h.engine.db.user.findFirstOrThrow({ where: { workspaceId: ws, slackId: 'U0NEWBIE' } });
    expect(newbie).toMatchObject({ name: 'Nina Newbie', roles: ['employee'] });
    expect([-300, -240]).toContain(newbie.tzOffsetMinutes); // users.info tz_offset seconds → minutes (New York)
    expect((await h.engine.db.chain.findMany({ where: { workspaceId: ws } })).map((c) => [c.name, c.isDefault])).toEqual([['small', true]]);
    const sub = await h.engine.db.substitution.findFirstOrThrow({ where: { id: subId } });
    expect(sub.startsAt.toISOString()).toBe('2029-12-31T22:00:00.000Z'); // 2030-01-01 in the typing user's zone (UTC+2)
    expect(sub.endsAt.toISOString()).toBe('2030-01-05T22:00:00.000Z');
    expect(sub.removedAt).not.toBeNull();
    const w = await h.engine.db.workspace.findUniqueOrThrow({ where: { id: ws } });
    expect([w.reminderAfterSeconds, w.escalateAfterSeconds, w.escalationUserId]).toEqual([7200, 86400, h.seed.id.cfo]);
    expect(await h.engine.db.codeListEntry.count({ where: { workspaceId: ws, type: 'cost_centre', code: 'CC-10' } })).toBe(1);
    expect(await findDocumentId(h.engine.db, ws, reference)).not.toBeNull();
  });

  it('keeps the App Home within 100 blocks when much is waiting', async () => {
    const ws = h.seed.workspaceId;
    for (let i = 0; i < 60; i++) {
      const id = `doc_home_${i}`;
      await h.engine.db.document.create({ data: { id, workspaceId: ws, kind: 'expense', status: 'in_review', submitterId: h.seed.id.emp, createdById: h.seed.id.emp, supplierName: `Shop ${i}`, totalAmount: '10.00', currency: 'EUR' } });
      await h.engine.db.step.create({ data: { id: `${id}:1:0`, documentId: id, round: 1, stageIndex: 0, type: 'approve', mode: 'any', assignees: [h.seed.id.cfo] } });
    }
    const blocks = await homeBlocks(h.bot.ctx, h.seed.id.cfo);
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(blocks)).toContain('…and 40 more.');
    const published = await h.bot.app.client.views.publish({ user_id: SLACK.cfo, view: { type: 'home', blocks } });
    expect(published.ok).toBe(true);
  });

  it('sends reminders to the approver and escalations to the escalation user as DMs', async () => {
    const ws = h.seed.workspaceId;
    // escalate-to is the CFO since the settings row above; delays in seconds for the test.
    await h.engine.db.workspace.update({ where: { id: ws }, data: { reminderAfterSeconds: 1, escalateAfterSeconds: 2 } });
    const doc = await h.engine.engine.submit({ workspaceId: ws, submitterId: h.seed.id.emp2, kind: 'expense', fields: { supplierName: 'Slow Lane Cafe', totalAmount: '9.90', currency: 'EUR' } });
    await h.engine.notifier.waitFor((e) => e.documentId === doc.documentId && e.kind === 'confirm_request');
    expect(await h.engine.engine.confirm(doc.documentId, { actorId: h.seed.id.emp2, key: `${doc.documentId}:confirm` })).toMatchObject({ ok: true });
    const reminder = await waitMessage(h.fake, SLACK.appr1, (m) => textOf(m).includes(doc.reference) && textOf(m).includes('Reminder'), 'the reminder');
    expect(buttons(reminder)).toEqual(['step_approve', 'step_reject']);
    const escalation = await waitMessage(h.fake, SLACK.cfo, (m) => textOf(m).includes(doc.reference) && textOf(m).includes('Escalation'), 'the escalation');
    expect(textOf(escalation)).toContain(`waiting too long for <@${SLACK.appr1}>`);
    await h.engine.db.workspace.update({ where: { id: ws }, data: { reminderAfterSeconds: 86400, escalateAfterSeconds: 259200 } });
  });
});
