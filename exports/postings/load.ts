// The approved documents of a period, read for the ledger: coding lines with their accounts'
// labels and VAT rates, the supplier's code, the submitter (for expenses) and the file link.
import type { Db } from '../../data/db';
import { documentReference } from '../../client/engine';
import { decimalString } from '../../data/mappers';
import { rateOfVatCode, type PostingDocument } from '../../domain/postings';
import type { Period } from '../period';

const dayIn = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

export async function loadPostingDocuments(db: Db, p: { workspaceId: string; period: Period; again: boolean }): Promise<PostingDocument[]> {
  const docs = await db.document.findMany({
    where: {
      workspaceId: p.workspaceId,
      status: { in: ['approved', 'paid'] },
      decidedAt: { gte: p.period.start, lt: p.period.end },
    },
    include: { codingLines: { orderBy: { position: 'asc' } } },
    orderBy: [{ decidedAt: 'asc' }, { seq: 'asc' }],
  });
  const ids = docs.map((d) => d.id);
  const [marks, codes, uploads, people] = await Promise.all([
    db.postingExportMark.findMany({ where: { documentId: { in: ids } }, select: { documentId: true } }),
    db.codeListEntry.findMany({ where: { workspaceId: p.workspaceId } }),
    db.slackUpload.findMany({ where: { documentId: { in: ids } }, select: { documentId: true, permalink: true } }),
    db.user.findMany({ where: { workspaceId: p.workspaceId }, select: { id: true, name: true, slackId: true } }),
  ]);
  const marked = new Set(marks.map((m) => m.documentId));
  const code = (type: string, c: string) => codes.find((x) => x.type === type && x.code === c);
  const link = new Map(uploads.map((u) => [u.documentId, u.permalink]));
  const person = new Map(people.map((u) => [u.id, u]));
  return docs
    .filter((d) => p.again || !marked.has(d.id))
    .map((d) => {
      const submitter = person.get(d.submitterId);
      return {
        id: d.id,
        reference: documentReference(d),
        kind: d.kind,
        supplierName: d.supplierName,
        supplierCode: d.supplierVatNo ?? d.supplierRegNo ?? (d.supplierName ? d.supplierName.replace(/[^0-9A-Za-z]/g, '').toUpperCase().slice(0, 17) || null : null),
        invoiceNumber: d.invoiceNumber,
        issueDate: d.issueDate,
        dueDate: d.dueDate,
        approvedOn: dayIn(d.decidedAt ?? d.updatedAt, p.period.timeZone),
        currency: d.currency ?? 'EUR',
        totalAmount: decimalString(d.totalAmount) ?? '',
        employeeName: submitter?.name ?? null,
        employeeCode: submitter ? (submitter.slackId ?? submitter.id) : null,
        fileLink: link.get(d.id) ?? d.fileRef ?? null,
        iban: d.iban,
        lines: d.codingLines.map((l) => {
          const vat = code('vat', l.vatCode);
          return {
            account: l.account,
            accountLabel: code('account', l.account)?.label ?? null,
            vatCode: l.vatCode,
            vatRate: vat ? rateOfVatCode({ code: vat.code, label: vat.label, vatRate: decimalString(vat.vatRate, 3) }) : rateOfVatCode({ code: l.vatCode, label: '', vatRate: null }),
            costCentre: l.costCentre,
            project: l.project,
            amount: decimalString(l.amount)!,
            description: l.description,
          };
        }),
      };
    });
}
