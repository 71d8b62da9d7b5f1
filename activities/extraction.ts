// The workflow's extraction step: read the stored file, extract fields, store them with their
// confidence, and flag a possible duplicate (same file hash, or same supplier + invoice no.).
import { ApplicationFailure, Context } from '@temporalio/activity';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeInvoiceKey } from '../domain/duplicates';
import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';
import { decimalString } from '../data/mappers';
import { findDuplicate } from '../data/duplicates';
import { recordActivities } from './records';
import { applyCorrections } from './supplier-memory';

export function extractionActivities(deps: ActivityDeps) {
  const { db } = deps;
  const { recordEvent } = recordActivities(deps);
  return {
    async runExtraction(p: { documentId: string }): Promise<{ totalAmount: string | null; duplicateOf: string | null; warnings: string[] }> {
      const doc = await db.document.findUniqueOrThrow({ where: { id: p.documentId } });
      if (!doc.fileRef || !deps.extract) return { totalAmount: decimalString(doc.totalAmount), duplicateOf: null, warnings: [] };
      const bytes = await readFile(path.join(deps.filesDir, doc.fileRef));
      let read;
      try {
        read = await deps.extract(bytes, doc.fileName ?? doc.fileRef, { signal: activitySignal() });
      } catch (err) {
        const e = err as Error & { code?: string };
        // A bad file stays bad: retrying cannot help, the person gets the sentence.
        if (e.name === 'ExtractionError') throw ApplicationFailure.nonRetryable(e.message, 'ExtractionError', { code: e.code });
        throw err;
      }
      // What people corrected on this supplier's earlier documents wins over what was read.
      const { fields, learned } = await applyCorrections(db, doc.workspaceId, read);
      const invoiceKey = normalizeInvoiceKey(fields.supplierName, fields.supplierVatNo, fields.invoiceNumber);
      // Only earlier documents: two copies read at the same time must not flag each other.
      const dupId = await findDuplicate(db, doc, invoiceKey, { earlierOnly: true });
      const dup = dupId ? { id: dupId } : null;
      const { lines, confidence, warnings, language, source, pages, vatBreakdown, ...values } = fields;
      await db.document.update({
        where: { id: doc.id },
        data: {
          supplierName: values.supplierName,
          supplierRegNo: values.supplierRegNo,
          supplierVatNo: values.supplierVatNo,
          invoiceNumber: values.invoiceNumber,
          issueDate: values.issueDate,
          dueDate: values.dueDate,
          currency: values.currency,
          netAmount: values.netAmount,
          vatAmount: values.vatAmount,
          totalAmount: values.totalAmount,
          vatRate: values.vatRate,
          iban: values.iban,
          invoiceKey,
          duplicateOf: dup?.id ?? null,
          // vatBreakdown (e-invoices): the coding form offers one line per VAT rate from it.
          extraction: { lines, confidence, warnings, language, source, pages, learned, ...(vatBreakdown ? { vatBreakdown } : {}) } as unknown as Prisma.InputJsonValue,
        },
      });
      await recordEvent({
        key: `${doc.id}:extracted`,
        workspaceId: doc.workspaceId,
        documentId: doc.id,
        actorId: null,
        onBehalfOfId: null,
        action: 'fields_extracted',
        fromState: doc.status,
        toState: doc.status,
        details: { source: source ?? null, pages: pages ?? null, duplicateOf: dup?.id ?? null, warnings: warnings ?? [], learned },
      });
      return { totalAmount: values.totalAmount, duplicateOf: dup?.id ?? null, warnings: warnings ?? [] };
    },
  };
}

/** The activity's cancellation (also raised on its timeout); none when called outside an activity. */
function activitySignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}
