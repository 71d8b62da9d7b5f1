// Routes the Temporal SDK's own logs into our logger, so one stream shows everything and the
// SDK's info chatter (bundling, state changes) stays at debug.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from './logger';

const LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'debug', WARN: 'warn', ERROR: 'error' };

export function installTemporalLogging(log: Logger): void {
  Runtime.install({
    // The process stops its worker itself, in order (runtime/shutdown.ts).
    shutdownSignals: [],
    logger: new DefaultLogger('INFO', (entry) => log[LEVEL[entry.level]]({ temporal: entry.meta }, entry.message)),
  });
}
