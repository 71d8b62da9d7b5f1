// "Seen before?" against the database: another document of the workspace with the same file or
// the same supplier + invoice number key (domain/duplicates.ts), withdrawn ones aside.
import type { Db } from './db';
import type { Prisma } from '../generated/prisma/client';

type Reader = Pick<Db, 'document'> | Pick<Prisma.TransactionClient, 'document'>;

export interface DuplicateProbe {
  id: string;
  workspaceId: string;
  seq: number;
  fileSha256: string | null;
  /** A possible duplicate a person already cleared for this document: not flagged again. */
  duplicateClearedOf?: string | null;
}

/**
 * The document `doc` possibly duplicates, or null. `earlierOnly` (extraction): two copies read
 * at the same time must not flag each other. A correction looks both ways: the other copy may
 * have arrived first or later, and either way the pair must not both be paid.
 */
export async function findDuplicate(db: Reader, doc: DuplicateProbe, invoiceKey: string | null, opts: { earlierOnly: boolean }): Promise<string | null> {
  const same = [...(doc.fileSha256 ? [{ fileSha256: doc.fileSha256 }] : []), ...(invoiceKey ? [{ invoiceKey }] : [])];
  if (same.length === 0) return null;
  const found = await (db.document as Db['document']).findFirst({
    where: {
      workspaceId: doc.workspaceId,
      id: { notIn: [doc.id, ...(doc.duplicateClearedOf ? [doc.duplicateClearedOf] : [])] },
      ...(opts.earlierOnly ? { seq: { lt: doc.seq } } : {}),
      status: { not: 'withdrawn' },
      OR: same,
    },
    orderBy: { seq: 'asc' },
    select: { id: true },
  });
  return found?.id ?? null;
}
