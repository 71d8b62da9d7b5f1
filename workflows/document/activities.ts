// The activities the document workflow calls, with their timeouts and retries. Extraction
// (OCR) may take minutes and fails for good on a file it cannot read; everything else is a
// quick database or Slack call retried until it succeeds.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

export const extraction = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['ExtractionError'] },
});

export type { Policy } from '../../activities/policy';
