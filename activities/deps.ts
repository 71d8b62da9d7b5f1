// What the activities need from the process: the database, where files live, the extractor
// and the outbox delivery that is told when notifications were recorded.
import type { Db } from '../data/db';
import type { NotificationEvent } from '../workflows/notifications';
import type { ExtractedFields } from '../extraction';

export interface Notifier {
  /** Delivers one event to its one recipient; throwing makes the outbox try again later (or give up, see classify). */
  deliver(event: NotificationEvent): Promise<void>;
  /** What a thrown error means; without it every failure is transient. */
  classify?(err: unknown): DeliveryFailure;
}

export interface DeliveryFailure {
  /** No retry can cure it (a deactivated user, a deleted channel): the row fails now. */
  permanent: boolean;
  reason: string;
  /** Slack asked us to wait (rate limit). */
  retryAfterMs?: number;
}

/** The process's outbox delivery: told when rows were written, so it need not wait for its next poll. */
export interface OutboxSignal {
  kick(): void;
}

/** `signal` aborts when the activity is cancelled or times out: a file still queued is then never read. */
export type Extractor = (file: Buffer, fileName: string, opts?: { signal?: AbortSignal }) => Promise<ExtractedFields>;

export interface ActivityDeps {
  db: Db;
  /** Root folder of stored files (DATA_DIR/files). */
  filesDir: string;
  extract?: Extractor;
  notifier?: Notifier;
  outbox?: OutboxSignal;
}
