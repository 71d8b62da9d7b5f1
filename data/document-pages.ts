// Documents in creation order, a page at a time, by keyset pagination on seq: every page is a
// short index range scan that starts where the last one ended, whatever the table's size.
import type { Db } from './db';
import type { Prisma } from '../generated/prisma/client';

export const PAGE_SIZE = 2_000;

export type PagedDocument = Prisma.DocumentGetPayload<{ include: { paymentBatch: { select: { seq: true } } } }>;

export async function* documentPages(db: Db, where: Prisma.DocumentWhereInput): AsyncGenerator<PagedDocument[]> {
  let after = 0;
  for (;;) {
    const docs = await db.document.findMany({ where: { ...where, seq: { gt: after } }, orderBy: { seq: 'asc' }, take: PAGE_SIZE, include: { paymentBatch: { select: { seq: true } } } });
    if (docs.length === 0) return;
    yield docs;
    if (docs.length < PAGE_SIZE) return;
    after = docs[docs.length - 1]!.seq;
  }
}
