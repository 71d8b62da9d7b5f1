// One durable workflow per document: extraction → confirmation → (coding) → coordinator
// stages → approver stages → approved, with rejection back to the right person, withdraw,
// reassign, substitutes, reminders and escalation. This function is the story; each phase
// and each message is a method of DocumentProcess (./document/).
import type { DocumentStatus } from '../domain';
import type { DocumentInput } from './contract';
import { acts } from './document/activities';
import { DocumentProcess } from './document/process';

export async function documentWorkflow(input: DocumentInput): Promise<DocumentStatus> {
  // Handlers first, so a query or an update that arrives while the policy loads finds them.
  // A run that continues a waiting step (continue-as-new) brings its policy and state along.
  let resume = input.resume;
  const doc = new DocumentProcess(input, resume ? Promise.resolve(resume.policy) : acts.loadPolicy(input.workspaceId));
  doc.registerHandlers();
  await doc.ready;
  doc.publishSearchAttributes();

  if (!resume) {
    await doc.extract(input.skipExtraction);
    if (await doc.awaitConfirmation()) return doc.withdrawnBySubmitter();
  }

  for (;;) {
    if (!resume && !(await doc.openRound())) {
      // No chain applies: wait for a new confirmation once the chains are fixed.
      if (await doc.awaitConfirmation()) return doc.withdrawnBySubmitter();
      continue;
    }
    for (;;) {
      const outcome = await doc.runStages(resume);
      resume = undefined;
      if (outcome === 'done') return doc.finish('approved', 'approved');
      if (outcome === 'withdrawn') return doc.withdrawnBySubmitter();
      if (outcome === 'rerouted') break; // a new round on the chain in force now
      if (await doc.awaitResubmission()) return doc.withdrawnBySubmitter();
    }
  }
}
