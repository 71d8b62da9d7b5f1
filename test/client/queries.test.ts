// What people ask of the engine, against documents driven by the real workflow: what waits
// for me (as assignee, as substitute, as any bookkeeper), my submissions, and one document
// within the viewer's visibility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentDetail, findDocumentId, mySubmissions, waitingFor } from '../../client/queries';
import { addSubstitution } from '../../client/substitutes';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { codeAndSend, decideOk, k, setInvoiceChain, submitConfirmed, waitNote } from '../workflows/flow';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'W-queries');
  await setInvoiceChain(h, s);
  await setChain(h.db, s.workspaceId, 'expenses', [{ type: 'approve', mode: 'all', assignees: [s.id.appr1, s.id.appr2] }], {}, true);
});
afterAll(async () => h?.close());

const ids = (items: { documentId: string }[]) => items.map((i) => i.documentId);
const itemFor = async (userId: string, documentId: string, workspaceId = s.workspaceId) => (await waitingFor(h.db, workspaceId, userId)).find((i) => i.documentId === documentId);

describe('waitingFor', () => {
  it('lists the coding step for any bookkeeper, then the coordinator, then the approver; never someone else', async () => {
    const doc = await submitConfirmed(h, s, { kind: 'invoice', total: '310.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    expect(await itemFor(s.id.book, doc.documentId)).toMatchObject({ task: 'coding', stageIndex: 0, round: 1, onBehalfOf: [], reference: doc.reference, totalAmount: '310.00' });
    expect(await itemFor(s.id.coord1, doc.documentId)).toBeUndefined();

    await codeAndSend(h, doc.documentId, s.id.book, '310.00');
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.coord1 });
    expect(await itemFor(s.id.book, doc.documentId)).toBeUndefined();
    expect(await itemFor(s.id.coord1, doc.documentId)).toMatchObject({ task: 'coordinate', stageIndex: 1 });
    expect(await itemFor(s.id.appr1, doc.documentId)).toBeUndefined();
    expect(await itemFor(s.id.coord2, doc.documentId)).toBeUndefined();

    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 2, recipientId: s.id.appr1 });
    expect(await itemFor(s.id.coord1, doc.documentId)).toBeUndefined();
    expect(await itemFor(s.id.appr1, doc.documentId)).toMatchObject({ task: 'approve', stageIndex: 2 });

    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    for (const who of [s.id.book, s.id.coord1, s.id.appr1]) expect(await itemFor(who, doc.documentId)).toBeUndefined();
  });

  it('an ALL step leaves the list of whoever has agreed; the submitter confirms and resubmits their expense', async () => {
    const draft = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '12.00', currency: 'EUR' } });
    await waitNote(h, draft.documentId, 'confirm_request');
    expect(await itemFor(s.id.emp, draft.documentId)).toMatchObject({ task: 'confirm' });
    expect(await itemFor(s.id.emp2, draft.documentId)).toBeUndefined();
    expect(await h.engine.confirm(draft.documentId, { actorId: s.id.emp, key: k('confirm') })).toMatchObject({ ok: true });

    await waitNote(h, draft.documentId, 'step_assigned', { recipientId: s.id.appr2 });
    expect(await itemFor(s.id.emp, draft.documentId)).toBeUndefined();
    await decideOk(h, draft.documentId, s.id.appr1);
    expect(await itemFor(s.id.appr1, draft.documentId)).toBeUndefined();
    expect(await itemFor(s.id.appr2, draft.documentId)).toMatchObject({ task: 'approve' });

    await decideOk(h, draft.documentId, s.id.appr2, 'reject', 'Missing receipt');
    await waitNote(h, draft.documentId, 'status_changed', { recipientId: s.id.emp, message: 'rejected' });
    expect(await itemFor(s.id.emp, draft.documentId)).toMatchObject({ task: 'resubmit', status: 'rejected' });
    expect(await itemFor(s.id.appr2, draft.documentId)).toBeUndefined();
    await h.engine.withdraw(draft.documentId, { actorId: s.id.emp, key: k('withdraw') });
    expect(await h.engine.result(draft.documentId)).toBe('withdrawn');
    expect(await itemFor(s.id.emp, draft.documentId)).toBeUndefined();
  });

  it('lists a step offered to a substitute, with whom it is on behalf of', async () => {
    const ws = await seedWorkspace(h.db, 'W-queries-sub');
    await setChain(h.db, ws.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [ws.id.appr1] }], {}, true);
    const doc = await submitConfirmed(h, ws);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: ws.id.appr1 });
    expect(await itemFor(ws.id.emp2, doc.documentId, ws.workspaceId)).toBeUndefined();
    await addSubstitution(h.db, h.engine, { workspaceId: ws.workspaceId, actorId: ws.id.admin, substituteId: ws.id.emp2, forUserId: ws.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000 });
    await waitNote(h, doc.documentId, 'step_offered', { recipientId: ws.id.emp2 });
    expect(await itemFor(ws.id.emp2, doc.documentId, ws.workspaceId)).toMatchObject({ task: 'approve', onBehalfOf: [ws.id.appr1] });
    expect(await itemFor(ws.id.appr1, doc.documentId, ws.workspaceId)).toMatchObject({ task: 'approve', onBehalfOf: [] });
    await decideOk(h, doc.documentId, ws.id.emp2);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    expect(await itemFor(ws.id.emp2, doc.documentId, ws.workspaceId)).toBeUndefined();
    expect(await itemFor(ws.id.appr1, doc.documentId, ws.workspaceId)).toBeUndefined();
  });
});

describe('mySubmissions', () => {
  it('lists my documents only, newest first', async () => {
    const ws = await seedWorkspace(h.db, 'W-queries-mine');
    await setChain(h.db, ws.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [ws.id.appr1] }], {}, true);
    const a = await submitConfirmed(h, ws, { submitterId: ws.id.emp, total: '1.00' });
    const b = await submitConfirmed(h, ws, { submitterId: ws.id.emp, total: '2.00' });
    const other = await submitConfirmed(h, ws, { submitterId: ws.id.emp2, total: '3.00' });
    const mine = await mySubmissions(h.db, ws.workspaceId, ws.id.emp);
    expect(ids(mine)).toEqual([b.documentId, a.documentId]);
    expect(mine[0]).toMatchObject({ submitterId: ws.id.emp, totalAmount: '2.00', kind: 'expense' });
    expect(ids(await mySubmissions(h.db, ws.workspaceId, ws.id.emp2))).toEqual([other.documentId]);
    expect(ids(await mySubmissions(h.db, ws.workspaceId, ws.id.emp, 1))).toEqual([b.documentId]);
    expect(await mySubmissions(h.db, s.workspaceId, ws.id.emp)).toEqual([]);
    expect(await findDocumentId(h.db, ws.workspaceId, a.reference)).toBe(a.documentId);
  });
});

describe('documentDetail visibility', () => {
  it('employees see their own only; auditors and administrators all; a coordinator once involved, and after', async () => {
    const inv = await submitConfirmed(h, s, { kind: 'invoice', submitterId: s.id.emp, total: '75.00' });
    await waitNote(h, inv.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    const see = async (viewer: string, documentId = inv.documentId) => (await documentDetail(h.db, s.workspaceId, documentId, viewer)).ok;

    expect(await see(s.id.emp)).toBe(true); // the submitter
    expect(await see(s.id.emp2)).toBe(false);
    expect(await see(s.id.auditor)).toBe(true);
    expect(await see(s.id.admin)).toBe(true);
    expect(await see(s.id.book)).toBe(true);
    expect(await see(s.id.coord1)).toBe(false); // not involved yet: the document is at coding
    expect(await see(s.id.appr1)).toBe(false);
    expect(await see(s.id.payer)).toBe(false); // not approved yet
    const refused = await documentDetail(h.db, s.workspaceId, inv.documentId, s.id.emp2);
    expect(refused).toEqual({ ok: false, reason: 'You do not have access to this document.' });

    await codeAndSend(h, inv.documentId, s.id.book, '75.00');
    await waitNote(h, inv.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.coord1 });
    expect(await see(s.id.coord1)).toBe(true);
    expect(await see(s.id.coord2)).toBe(false);
    expect(await see(s.id.appr1)).toBe(false);

    await decideOk(h, inv.documentId, s.id.coord1);
    await waitNote(h, inv.documentId, 'step_assigned', { stageIndex: 2, recipientId: s.id.appr1 });
    await decideOk(h, inv.documentId, s.id.appr1);
    expect(await h.engine.result(inv.documentId)).toBe('approved');
    // "(or were)": still visible to the coordinator and approver after their steps.
    expect(await see(s.id.coord1)).toBe(true);
    expect(await see(s.id.appr1)).toBe(true);
    expect(await see(s.id.coord2)).toBe(false);
    expect(await see(s.id.emp2)).toBe(false);
    expect(await see(s.id.payer)).toBe(true);

    const detail = await documentDetail(h.db, s.workspaceId, inv.documentId, s.id.auditor);
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    expect(detail.reference).toBe(inv.reference);
    expect(detail.document.steps.map((x) => [x.stageIndex, x.type, x.status])).toEqual([
      [0, 'coding', 'done'],
      [1, 'coordinate', 'done'],
      [2, 'approve', 'done'],
    ]);
    expect(detail.document.codingLines.map((l) => l.amount.toFixed(2))).toEqual(['75.00']);
    expect(detail.history.map((e) => e.action)).toEqual(expect.arrayContaining(['created', 'confirmed', 'round_started', 'coded', 'agreed', 'approved']));
    // Another workspace never sees it, whatever the role.
    const foreign = await seedWorkspace(h.db, 'W-queries-foreign');
    expect(await documentDetail(h.db, foreign.workspaceId, inv.documentId, foreign.id.auditor)).toEqual({ ok: false, reason: 'No such document.' });
  });

  it('an expense report is a private draft until confirmed; employees never see each other\'s', async () => {
    const draft = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp2, kind: 'expense', fields: { totalAmount: '9.00', currency: 'EUR' } });
    await waitNote(h, draft.documentId, 'confirm_request');
    const see = async (viewer: string) => (await documentDetail(h.db, s.workspaceId, draft.documentId, viewer)).ok;
    expect(await see(s.id.emp2)).toBe(true);
    expect(await see(s.id.emp)).toBe(false);
    expect(await see(s.id.book)).toBe(false);
    expect(await see(s.id.auditor)).toBe(true);
    expect(await h.engine.confirm(draft.documentId, { actorId: s.id.emp2, key: k('confirm') })).toMatchObject({ ok: true });
    await waitNote(h, draft.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    expect(await see(s.id.book)).toBe(true);
    expect(await see(s.id.appr1)).toBe(true);
    expect(await see(s.id.emp)).toBe(false);
    await h.engine.withdraw(draft.documentId, { actorId: s.id.emp2, key: k('withdraw') });
    expect(await h.engine.result(draft.documentId)).toBe('withdrawn');
  });
});
