// What the activities need from the process: the database, where files live, the extractor
// and whoever delivers notifications (the Slack bot, or nobody in tests).
import type { Db } from '../data/db';
import type { NotificationEvent } from '../workflows/notifications';
import type { ExtractedFields } from '../extraction';

export interface Notifier {
  /** Delivers one event; throwing makes the activity retry the undelivered ones. */
  deliver(event: NotificationEvent): Promise<void>;
}

/** `signal` aborts when the activity is cancelled or times out: a file still queued is then never read. */
export type Extractor = (file: Buffer, fileName: string, opts?: { signal?: AbortSignal }) => Promise<ExtractedFields>;

export interface ActivityDeps {
  db: Db;
  /** Root folder of stored files (DATA_DIR/files). */
  filesDir: string;
  extract?: Extractor;
  notifier?: Notifier;
}
