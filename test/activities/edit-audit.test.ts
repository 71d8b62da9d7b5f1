// Issue 13 #7 and #8: a field correction or a coding save and its audit event are one change. An
// attempt that dies between writing the document and writing the event is retried by Temporal:
// the retry must leave exactly one event with the true before/after. A correction of the
// supplier or invoice number recomputes the duplicate key and flag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldActivities } from '../../activities/fields';
import type { Db } from '../../data/db';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedWorkspace, type Seeded } from '../../scripts/lib/seed';

let t: TestDatabase;
let s: Seeded;
const W = 'WEA';

/**
 * The database, except that the next audit event insert fails (the process dies there), once.
 * Covers both routes an event takes: db.auditEvent and a transaction's tx.auditEvent.
 */
function failingNextEvent(db: Db): Db {
  let armed = true;
  const events = (target: Db['auditEvent']) =>
    new Proxy(target, {
      get(o, prop, r) {
        const v = Reflect.get(o, prop, r);
        if ((prop === 'create' || prop === 'createMany') && armed)
          return () => {
            armed = false;
            return Promise.reject(new Error('connection lost before the audit event'));
          };
        return typeof v === 'function' ? v.bind(o) : v;
      },
    });
  const wrap = <T extends object>(client: T): T =>
    new Proxy(client, {
      get(o, prop, r) {
        if (prop === 'auditEvent') return events(Reflect.get(o, prop, r) as Db['auditEvent']);
        if (prop === '$transaction')
          return (arg: unknown, opts?: unknown) =>
            typeof arg === 'function' ? (o as Db).$transaction((tx) => (arg as (t: unknown) => unknown)(wrap(tx)) as never, opts as never) : (o as Db).$transaction(arg as never);
        const v = Reflect.get(o, prop, r);
        return typeof v === 'function' ? v.bind(o) : v;
      },
    });
  return wrap(db);
}

let n = 0;
async function invoice(extra: Record<string, unknown> = {}) {
  const id = `doc_ea${++n}`;
  await t.db.document.create({ data: { id, workspaceId: W, kind: 'invoice', status: 'coding', submitterId: s.id.book, createdById: s.id.book, supplierName: 'Acme OÜ', invoiceNumber: `A-${n}`, totalAmount: '100.00', currency: 'EUR', ...extra } });
  return id;
}
const events = (documentId: string, action: string) => t.db.auditEvent.findMany({ where: { documentId, action } });

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedWorkspace(t.db, W);
});
afterAll(() => t?.drop());

describe('one change, one audit event, on retry', () => {
  it('a field save that failed before its event is retried into exactly one event with the right before/after', async () => {
    const id = await invoice();
    const p = { documentId: id, workspaceId: W, actorId: s.id.book, key: `edit:${id}`, fields: { supplierName: 'Acme Industries OÜ' }, kind: 'invoice' as const };
    await expect(fieldActivities({ db: failingNextEvent(t.db), filesDir: '/nonexistent' }).saveFields(p)).rejects.toThrow('connection lost');
    const retry = await fieldActivities({ db: t.db, filesDir: '/nonexistent' }).saveFields(p);
    expect(retry).toMatchObject({ ok: true });
    const evs = await events(id, 'fields_changed');
    expect(evs).toHaveLength(1);
    expect(evs[0]!.details).toMatchObject({ changes: { supplierName: { from: 'Acme OÜ', to: 'Acme Industries OÜ' } } });
    // A further retry after success changes nothing and writes nothing.
    expect(await fieldActivities({ db: t.db, filesDir: '/nonexistent' }).saveFields(p)).toMatchObject({ ok: true });
    expect(await events(id, 'fields_changed')).toHaveLength(1);
  });

  it('a coding save that failed before its event keeps the true "before" on retry', async () => {
    const id = await invoice();
    const acts = () => fieldActivities({ db: t.db, filesDir: '/nonexistent' });
    const line = (account: string) => ({ account, vatCode: 'VAT24', costCentre: null, project: null, amount: '100.00' });
    await acts().saveCoding({ documentId: id, workspaceId: W, actorId: s.id.book, key: `code1:${id}`, lines: [line('4000')] });
    const second = { documentId: id, workspaceId: W, actorId: s.id.book, key: `code2:${id}`, lines: [line('5000')] };
    await expect(fieldActivities({ db: failingNextEvent(t.db), filesDir: '/nonexistent' }).saveCoding(second)).rejects.toThrow('connection lost');
    await acts().saveCoding(second);
    await acts().saveCoding(second);
    const evs = await t.db.auditEvent.findMany({ where: { documentId: id, action: 'coding_changed' }, orderBy: { id: 'asc' } });
    expect(evs).toHaveLength(2);
    expect(evs[1]!.details).toMatchObject({ before: [{ account: '4000' }], after: [{ account: '5000' }] });
    expect((await t.db.codingLine.findMany({ where: { documentId: id } })).map((l) => l.account)).toEqual(['5000']);
  });
});

describe('duplicate key on correction', () => {
  it('a correction that makes an invoice match another flags it, and one that makes it differ clears it', async () => {
    const first = await invoice({ invoiceNumber: 'INV-77', invoiceKey: 'name:acme|inv77' });
    const second = await invoice({ invoiceNumber: 'INV-78', invoiceKey: 'name:acme|inv78' });
    const acts = fieldActivities({ db: t.db, filesDir: '/nonexistent' });
    const edit = (key: string, invoiceNumber: string) => acts.saveFields({ documentId: second, workspaceId: W, actorId: s.id.book, key, fields: { invoiceNumber }, kind: 'invoice' });
    expect(await edit(`dup1:${second}`, 'inv 77')).toMatchObject({ ok: true });
    expect(await t.db.document.findUniqueOrThrow({ where: { id: second } })).toMatchObject({ invoiceKey: 'name:acme|inv77', duplicateOf: first });
    const [flagged] = await events(second, 'fields_changed');
    expect(flagged!.details).toMatchObject({ duplicateOf: { from: null, to: first } });
    expect(await edit(`dup2:${second}`, 'INV-79')).toMatchObject({ ok: true });
    expect(await t.db.document.findUniqueOrThrow({ where: { id: second } })).toMatchObject({ invoiceKey: 'name:acme|inv79', duplicateOf: null });
  });

  it('an earlier invoice corrected to match a later one is flagged too (either of the pair could be paid)', async () => {
    const later = await invoice({ invoiceNumber: 'LATE-1', invoiceKey: 'name:acme|late1' });
    const earlier = await invoice({ invoiceNumber: 'LATE-0', invoiceKey: 'name:acme|late0' });
    await t.db.document.update({ where: { id: later }, data: { seq: { increment: 1000 } } });
    const r = await fieldActivities({ db: t.db, filesDir: '/nonexistent' }).saveFields({ documentId: earlier, workspaceId: W, actorId: s.id.book, key: `dup3:${earlier}`, fields: { invoiceNumber: 'LATE-1' }, kind: 'invoice' });
    expect(r).toMatchObject({ ok: true });
    expect((await t.db.document.findUniqueOrThrow({ where: { id: earlier } })).duplicateOf).toBe(later);
  });
});
