// Which chain a document runs on: the most specific match, chosen when the round starts and
// kept (snapshot) while the chain is edited; an administrator re-routes explicitly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setChain as saveChain } from '../../client/chains';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { actionCounts, codeAndSend, decideOk, decideRefused, k, state, submitConfirmed, waitNote } from './flow';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe('chain selection through the workflow', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedWorkspace(h.db, 'W-route');
    await setChain(h.db, s.workspaceId, 'fallback', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    await setChain(h.db, s.workspaceId, 'invoices', [{ type: 'coding', mode: 'any', assignees: [] }, { type: 'approve', mode: 'any', assignees: [s.id.appr2] }], { kind: 'invoice' });
    await setChain(
      h.db,
      s.workspaceId,
      'big-invoices',
      [{ type: 'coding', mode: 'any', assignees: [] }, { type: 'coordinate', mode: 'any', assignees: [s.id.coord1] }, { type: 'approve', mode: 'any', assignees: [s.id.cfo] }],
      { kind: 'invoice', minAmount: '5000.00' },
    );
  });

  const cases = [
    { name: 'an invoice over 5000 goes to kind=invoice min=5000', kind: 'invoice' as const, total: '6200.00', chain: 'big-invoices', first: 'coding' },
    { name: 'an invoice of exactly 5000 goes to kind=invoice min=5000 (min is inclusive)', kind: 'invoice' as const, total: '5000.00', chain: 'big-invoices', first: 'coding' },
    { name: 'an invoice under 5000 goes to kind=invoice', kind: 'invoice' as const, total: '4999.99', chain: 'invoices', first: 'coding' },
    { name: 'an expense of 6200 matches neither invoice chain and falls to the default', kind: 'expense' as const, total: '6200.00', chain: 'fallback', first: 'approve' },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const doc = await submitConfirmed(h, s, { kind: c.kind, total: c.total });
      const opened = await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0 });
      expect(opened.step?.type).toBe(c.first);
      const st = await state(h, doc.documentId);
      expect(st.chainName).toBe(c.chain);
      const row = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
      expect(row.chainName).toBe(c.chain);
      expect((row.chainSnapshot as { chainName: string }).chainName).toBe(c.chain);
      const started = await h.db.auditEvent.findFirstOrThrow({ where: { documentId: doc.documentId, action: 'round_started' } });
      expect(started.details).toMatchObject({ chain: c.chain, round: 1 });
    });
  }

  it('the big-invoice chain really routes to its people: CFO after the coordinator', async () => {
    const doc = await submitConfirmed(h, s, { kind: 'invoice', total: '7000.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    await codeAndSend(h, doc.documentId, s.id.book, '7000.00');
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.coord1 });
    // appr2 approves "invoices", not "big-invoices": not an assignee here.
    await decideRefused(h, doc.documentId, s.id.appr2);
    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 2, recipientId: s.id.cfo });
    await decideOk(h, doc.documentId, s.id.cfo);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('no chain at all', () => {
  it('tells the administrators and the submitter, and routes on the next confirmation once a chain exists', async () => {
    const s = await seedWorkspace(h.db, 'W-nochain');
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'no_chain', { recipientId: s.id.admin });
    await waitNote(h, doc.documentId, 'no_chain', { recipientId: s.id.emp });
    expect((await state(h, doc.documentId)).status).toBe('confirming');
    expect(await saveChain(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, chain: { name: 'main', isDefault: true, conditions: {}, stages: [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }] } })).toMatchObject({ ok: true });
    expect(await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: k('confirm-again') })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    expect((await state(h, doc.documentId)).chainName).toBe('main');
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('a document re-classified on confirmation', () => {
  it('is routed by its new kind', async () => {
    const s = await seedWorkspace(h.db, 'W-kind');
    await setChain(h.db, s.workspaceId, 'expenses', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    await setChain(h.db, s.workspaceId, 'invoices', [{ type: 'coding', mode: 'any', assignees: [] }, { type: 'approve', mode: 'any', assignees: [s.id.appr2] }], { kind: 'invoice' });
    // Uploaded as an invoice by an employee; the bookkeeper sees it is an expense report.
    const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'invoice', fields: { totalAmount: '35.00', currency: 'EUR' } });
    await waitNote(h, doc.documentId, 'confirm_request', {});
    expect(await h.engine.confirm(doc.documentId, { actorId: s.id.book, key: k('confirm'), kind: 'expense' })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0 });
    const st = await state(h, doc.documentId);
    expect(st.kind).toBe('expense');
    expect(st.chainName).toBe('expenses');
    const row = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect(row).toMatchObject({ kind: 'expense', chainName: 'expenses' });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('a chain edited mid-round', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedWorkspace(h.db, 'W-edit');
    const r = await saveChain(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, chain: { name: 'main', isDefault: true, conditions: {}, stages: [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }] } });
    expect(r).toMatchObject({ ok: true });
  });

  it('does not change the document in flight; a new document takes the new chain; reroute applies it explicitly', async () => {
    const inFlight = await submitConfirmed(h, s);
    const toReroute = await submitConfirmed(h, s);
    await waitNote(h, inFlight.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await waitNote(h, toReroute.documentId, 'step_assigned', { recipientId: s.id.appr1 });

    const edited = await saveChain(h.db, {
      workspaceId: s.workspaceId,
      actorId: s.id.admin,
      chain: { name: 'main', isDefault: true, conditions: {}, stages: [{ type: 'coordinate', mode: 'any', assignees: [s.id.coord1] }, { type: 'approve', mode: 'any', assignees: [s.id.appr2] }] },
    });
    expect(edited).toMatchObject({ ok: true });

    // The document in flight keeps its snapshot: appr1 still decides, appr2 is nobody here.
    const st = await state(h, inFlight.documentId);
    expect(st.stages).toEqual([{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }]);
    expect(st.openStep?.assignees).toEqual([s.id.appr1]);
    await decideRefused(h, inFlight.documentId, s.id.appr2);

    // A new document runs on the edited chain.
    const fresh = await submitConfirmed(h, s);
    await waitNote(h, fresh.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    expect((await state(h, fresh.documentId)).stages.map((x) => x.type)).toEqual(['coordinate', 'approve']);
    await decideRefused(h, fresh.documentId, s.id.appr1);

    // Only an administrator may re-route; the reroute starts a new round on the chain in force.
    const notAdmin = await h.engine.reroute(toReroute.documentId, { actorId: s.id.appr1, key: k('reroute') });
    expect(notAdmin).toMatchObject({ ok: false });
    const rerouted = await h.engine.reroute(toReroute.documentId, { actorId: s.id.admin, key: k('reroute') });
    expect(rerouted).toMatchObject({ ok: true });
    await waitNote(h, toReroute.documentId, 'step_closed', { recipientId: s.id.appr1, message: 'rerouted' });
    await waitNote(h, toReroute.documentId, 'step_assigned', { recipientId: s.id.coord1, round: 2 });
    const after = await state(h, toReroute.documentId);
    expect(after.round).toBe(2);
    expect(after.openStep).toMatchObject({ stageIndex: 0, type: 'coordinate', assignees: [s.id.coord1] });
    await decideRefused(h, toReroute.documentId, s.id.appr1);

    await decideOk(h, inFlight.documentId, s.id.appr1);
    expect(await h.engine.result(inFlight.documentId)).toBe('approved');

    await decideOk(h, toReroute.documentId, s.id.coord1);
    await waitNote(h, toReroute.documentId, 'step_assigned', { recipientId: s.id.appr2, round: 2 });
    await decideOk(h, toReroute.documentId, s.id.appr2);
    expect(await h.engine.result(toReroute.documentId)).toBe('approved');
    const counts = await actionCounts(h, toReroute.documentId);
    expect(counts).toMatchObject({ reroute_requested: 1, round_started: 2 });
  });
});
