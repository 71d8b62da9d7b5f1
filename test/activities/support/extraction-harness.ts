// Real services with the real extractor, one workspace, a one-step chain; `upload` submits an
// invoice file and waits until it is read and waiting for confirmation.
import { afterAll, beforeAll } from 'vitest';
import type { Document } from '../../../generated/prisma/client';
import { extractDocument, shutdownOcr } from '../../../extraction';
import { createHarness, type Harness } from '../../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../../scripts/lib/seed';

export function useExtractionHarness() {
  const ctx = {} as { h: Harness; s: Seeded; upload: (file: string, bytes: Buffer, sourceKey: string) => Promise<Document> };
  beforeAll(async () => {
    ctx.h = await createHarness({ extract: (bytes, name, opts) => extractDocument(bytes, name, opts) });
    ctx.s = await seedWorkspace(ctx.h.db);
    await setChain(ctx.h.db, ctx.s.workspaceId, 'default', [{ type: 'approve', mode: 'any', assignees: [] }], {}, true);
  });
  afterAll(async () => {
    await ctx.h?.close();
    await shutdownOcr();
  });
  ctx.upload = async (file, bytes, sourceKey) => {
    const { h, s } = ctx;
    const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.book, kind: 'invoice', sourceKey, file: { bytes, name: file, mime: 'application/pdf' } });
    await h.notifier.waitFor((e) => e.documentId === doc.documentId && e.kind === 'confirm_request');
    return h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
  };
  return ctx;
}
