// The activities the document workflow calls, with their timeouts and retries. Extraction
// (OCR) may take minutes and fails for good on a file it cannot read; everything else is a
// quick database call. None talks to Slack: notifications are outbox rows that a delivery
// loop sends outside the workflow (bot/outbox.ts), so a Slack failure never retries here.
// Database calls are retried with backoff for about an hour (a database restart, a lost
// connection), not forever, and not at all when the request itself is wrong (RecordMissing:
// the document row is gone).
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 120, nonRetryableErrorTypes: ['RecordMissing'] },
});

export const extraction = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['ExtractionError'] },
});

export type { Policy } from '../../activities/policy';
