// Words people read: document kinds, statuses, stage types.
import type { DocumentKind, DocumentStatus, StageMode, StageType } from '../../domain';

export const KIND_LABEL: Record<DocumentKind, string> = { invoice: 'Purchase invoice', expense: 'Expense report' };

export const STATUS_LABEL: Record<DocumentStatus, string> = {
  extracting: 'reading the file',
  confirming: 'waiting for confirmation',
  coding: 'waiting for coding',
  in_review: 'in review',
  approved: 'approved',
  rejected: 'rejected, waiting for correction',
  withdrawn: 'withdrawn',
  paid: 'paid',
};

export const STATUS_EMOJI: Record<DocumentStatus, string> = {
  extracting: '⏳',
  confirming: '📝',
  coding: '🧾',
  in_review: '👀',
  approved: '✅',
  rejected: '↩️',
  withdrawn: '🚫',
  paid: '💶',
};

export const STAGE_LABEL: Record<StageType, string> = { coding: 'coding', coordinate: 'coordination', approve: 'approval' };

export function modeLabel(mode: StageMode, count: number): string {
  if (count <= 1) return '';
  return mode === 'all' ? 'all must agree' : 'any one suffices';
}

/** What a decision was, in the past tense. */
export const ACTION_LABEL: Record<string, string> = {
  approved: 'Approved',
  agreed: 'Agreed',
  coded: 'Sent to approval',
  rejected: 'Rejected',
};
