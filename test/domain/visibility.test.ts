import { describe, expect, it } from 'vitest';
import { canSeeDocument, type VisibleDoc } from '../../domain/permissions/workspace';
import { canCode, canEditFields, canWithdraw } from '../../domain/permissions/document';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../domain/documents';
import type { Actor, Role } from '../../domain/roles';

const actor = (userId: string, roles: Role[], codingRight = false): Actor => ({ userId, roles, codingRight });
const doc = (over: Partial<VisibleDoc> = {}): VisibleDoc => ({
  kind: 'invoice',
  status: 'in_review',
  submitterId: 'emp',
  involvedUserIds: ['coord', 'appr'],
  ...over,
});
const statuses = (pred: (s: DocumentStatus) => boolean) => DOCUMENT_STATUSES.filter(pred);

describe('canSeeDocument, row by row', () => {
  it('employee: own documents only', () => {
    expect(canSeeDocument(actor('emp', ['employee']), doc({ kind: 'expense' }))).toBe(true);
    expect(canSeeDocument(actor('other', ['employee']), doc({ kind: 'expense' }))).toBe(false);
  });
  it('bookkeeper: all invoices and expense reports, but not an expense draft of someone else', () => {
    const bk = actor('bk', ['bookkeeper']);
    expect(canSeeDocument(bk, doc({ kind: 'invoice', status: 'extracting' }))).toBe(true);
    expect(canSeeDocument(bk, doc({ kind: 'expense', status: 'paid' }))).toBe(true);
    expect(canSeeDocument(bk, doc({ kind: 'expense', status: 'coding' }))).toBe(true);
    expect(canSeeDocument(bk, doc({ kind: 'expense', status: 'confirming' }))).toBe(false);
  });
  it('coordinator / approver: where they are or were involved', () => {
    expect(canSeeDocument(actor('coord', ['coordinator']), doc({ status: 'approved' }))).toBe(true);
    expect(canSeeDocument(actor('appr', ['approver']), doc())).toBe(true);
    expect(canSeeDocument(actor('other', ['approver', 'coordinator']), doc())).toBe(false);
  });
  it('a substitute who acted sees the document through involvement', () => {
    expect(canSeeDocument(actor('sub', ['employee']), doc({ involvedUserIds: ['appr', 'sub'] }))).toBe(true);
  });
  it('auditor and admin: everything, drafts included', () => {
    for (const r of ['auditor', 'admin'] as Role[]) {
      expect(canSeeDocument(actor('x', [r]), doc({ kind: 'expense', status: 'confirming' }))).toBe(true);
    }
  });
  it('payment manager: approved and paid only', () => {
    const pm = actor('pm', ['payment_manager']);
    expect(statuses((s) => canSeeDocument(pm, doc({ status: s })))).toEqual(['approved', 'paid']);
  });
});

describe('canEditFields', () => {
  it('submitter while confirming or after rejection', () => {
    const emp = actor('emp', ['employee']);
    expect(statuses((s) => canEditFields(emp, doc({ kind: 'expense', status: s })).ok)).toEqual(['confirming', 'rejected']);
  });
  it('bookkeeper while confirming, coding or rejected — never in review', () => {
    const bk = actor('bk', ['bookkeeper']);
    expect(statuses((s) => canEditFields(bk, doc({ status: s })).ok)).toEqual(['confirming', 'coding', 'rejected']);
  });
  it('approvers, admins and auditors cannot', () => {
    for (const r of ['approver', 'admin', 'auditor', 'payment_manager'] as Role[]) {
      expect(statuses((s) => canEditFields(actor('appr', [r], true), doc({ status: s })).ok)).toEqual([]);
    }
  });
});

describe('canCode', () => {
  it('bookkeeper during coding and review (after a rejection the fields are corrected, coding waits for the next round)', () => {
    expect(statuses((s) => canCode(actor('bk', ['bookkeeper']), doc({ status: s })).ok)).toEqual(['coding', 'in_review']);
  });
  it('approver or coordinator with coding right, involved, in review', () => {
    expect(statuses((s) => canCode(actor('appr', ['approver'], true), doc({ status: s })).ok)).toEqual(['in_review']);
    expect(canCode(actor('coord', ['coordinator'], true), doc()).ok).toBe(true);
  });
  it('not without the coding right, not when uninvolved, not for an admin', () => {
    expect(canCode(actor('appr', ['approver'], false), doc()).ok).toBe(false);
    expect(canCode(actor('other', ['approver'], true), doc()).ok).toBe(false);
    expect(canCode(actor('appr', ['admin'], true), doc()).ok).toBe(false);
  });
});

describe('canWithdraw', () => {
  it('submitter while undecided', () => {
    expect(statuses((s) => canWithdraw('emp', doc({ status: s })).ok)).toEqual([
      'extracting',
      'confirming',
      'coding',
      'in_review',
      'rejected',
    ]);
  });
  it('nobody else, not even an admin', () => {
    expect(canWithdraw('adm', doc({ status: 'coding' })).ok).toBe(false);
  });
});
