// Chain selection at the start of a round: the most specific matching chain is snapshotted
// into the document, so later edits to the chain never reach documents in flight.
import { selectChain, type StageDef } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';
import { decimalString, toChainDef } from '../data/mappers';
import { recordActivities } from './records';

export interface ChainSnapshot {
  chainName: string;
  stages: StageDef[];
}

export function routingActivities(deps: ActivityDeps) {
  const { db } = deps;
  const { recordEvent } = recordActivities(deps);
  return {
    async snapshotChain(p: { documentId: string; workspaceId: string; round: number; key: string }): Promise<ChainSnapshot | null> {
      const doc = await db.document.findUniqueOrThrow({ where: { id: p.documentId } });
      const chains = await db.chain.findMany({ where: { workspaceId: p.workspaceId }, orderBy: { name: 'asc' } });
      const chosen = selectChain(chains.map(toChainDef), {
        kind: doc.kind,
        totalAmount: decimalString(doc.totalAmount),
        costCentre: doc.costCentre,
        supplierName: doc.supplierName,
      });
      if (!chosen) return null;
      const snapshot: ChainSnapshot = { chainName: chosen.name, stages: chosen.stages };
      await db.document.update({
        where: { id: p.documentId },
        data: { chainName: chosen.name, chainSnapshot: snapshot as unknown as Prisma.InputJsonValue, round: p.round },
      });
      await recordEvent({
        key: p.key,
        workspaceId: p.workspaceId,
        documentId: p.documentId,
        actorId: null,
        onBehalfOfId: null,
        action: 'round_started',
        fromState: doc.status,
        toState: doc.status,
        details: { chain: chosen.name, round: p.round, stages: chosen.stages as unknown as Prisma.InputJsonValue },
      });
      return snapshot;
    },
  };
}
