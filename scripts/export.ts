/**
 * Exports for operators (trusted: no actor check), from the database at DATABASE_URL.
 *
 *   npm run --silent export -- audit     --from 2026-01-01 --to 2026-01-31 [--format csv|xlsx] [--out FILE] [--workspace ID]
 *   npm run --silent export -- documents --from … --to … [--status approved] [--kind invoice] [--format …] [--out FILE]
 *   npm run --silent export -- payments  --from … --to … [--format csv|xlsx] [--out FILE]     (payments made in the period)
 *   npm run --silent export -- payments  --batch N [--format csv|xlsx|pain001] [--out FILE]   (a payment batch's bank file)
 *   npm run --silent export -- postings  --from … --to … [--format csv|xlsx|fec|fec-pipe|xero|ee] [--again] [--out FILE]
 *        (approved documents as journal entries; each is exported once unless --again;
 *         --payable-account 401 --employee-account 421 --vat-account 44566 --company-name … --company-reg …)
 *
 * Without --out the file goes to stdout (use --silent so npm's banner stays out of it); messages
 * go to stderr. Exit 0 done, 1 refused or failed, 2 usage. --workspace may be left out when the
 * database holds a single workspace.
 */
import 'dotenv/config';
import { PassThrough, type Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../data/db';
import { writePaymentFile, type PaymentFileFormat } from '../payments';
import { writeAuditExport } from '../exports/audit';
import { writeDocumentExport } from '../exports/documents';
import { writePaymentsReport } from '../payments/report';
import type { TableFormat } from '../exports/table';
import { writePostingsExport, type PostingsFormat } from '../exports/postings';

const USAGE = `Usage:
  npm run --silent export -- audit|documents|payments --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|xlsx] [--status STATUS] [--kind invoice|expense] [--out FILE] [--workspace ID]
  npm run --silent export -- payments --batch N [--format csv|xlsx|pain001] [--out FILE] [--workspace ID]
  npm run --silent export -- postings --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|xlsx|fec|fec-pipe|xero|ee] [--again]
      [--payable-account 401] [--employee-account 421] [--vat-account 44566] [--company-name NAME --company-reg NUMBER] [--out FILE]
Reads DATABASE_URL. Writes to stdout without --out.`;

class UsageError extends Error {}

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function pickWorkspace(db: Db, given: string | undefined): Promise<string> {
  if (given) {
    if (!(await db.workspace.findUnique({ where: { id: given }, select: { id: true } }))) throw new UsageError(`There is no workspace ${given}.`);
    return given;
  }
  const all = await db.workspace.findMany({ select: { id: true, name: true }, take: 20 });
  if (all.length === 1) return all[0]!.id;
  if (all.length === 0) throw new UsageError('The database has no workspace yet.');
  throw new UsageError(`Several workspaces: choose one with --workspace (${all.map((w) => `${w.id} "${w.name}"`).join(', ')}).`);
}

/** stdout is never ended by a pipe: write through a PassThrough and wait until it is flushed. */
function stdoutSink(): { out: Writable; flushed: Promise<void> } {
  const out = new PassThrough();
  out.pipe(process.stdout, { end: false });
  const flushed = new Promise<void>((resolve) => out.on('end', () => (process.stdout.writableNeedDrain ? process.stdout.once('drain', () => resolve()) : resolve())));
  return { out, flushed };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      status: { type: 'string' },
      kind: { type: 'string' },
      out: { type: 'string', short: 'o' },
      workspace: { type: 'string', short: 'w' },
      batch: { type: 'string' },
      again: { type: 'boolean' },
      'payable-account': { type: 'string' },
      'employee-account': { type: 'string' },
      'vat-account': { type: 'string' },
      'company-name': { type: 'string' },
      'company-reg': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const what = positionals[0];
  if (!what || !['audit', 'documents', 'payments', 'postings'].includes(what) || positionals.length > 1) throw new UsageError(USAGE);
  const batch = values.batch;
  const format = values.format ?? 'csv';
  if (batch !== undefined) {
    if (what !== 'payments') throw new UsageError('--batch goes with payments only.');
    if (!['csv', 'xlsx', 'pain001'].includes(format)) throw new UsageError(`--format must be csv, xlsx or pain001, not ${format}.`);
  } else if (what === 'postings') {
    if (!values.from || !values.to) throw new UsageError(`--from and --to are required.\n${USAGE}`);
    if (!['csv', 'xlsx', 'fec', 'fec-pipe', 'xero', 'ee'].includes(format)) throw new UsageError(`--format must be csv, xlsx, fec, fec-pipe, xero or ee, not ${format}.`);
    if (!values['company-name'] !== !values['company-reg']) throw new UsageError('--company-name and --company-reg go together.');
  } else {
    if (!values.from || !values.to) throw new UsageError(`--from and --to are required.\n${USAGE}`);
    if (!['csv', 'xlsx'].includes(format)) throw new UsageError(`--format must be csv or xlsx, not ${format}.`);
  }
  if (!process.env.DATABASE_URL) throw new UsageError('DATABASE_URL is not set: point it at the Countersign database (postgresql://…).');

  const db = createDb(process.env.DATABASE_URL, 3);
  try {
    const workspaceId = await pickWorkspace(db, values.workspace);
    const sink = values.out ? null : stdoutSink();
    // A file is created only once the export really starts (a refusal leaves nothing behind).
    const dest = values.out ?? sink!.out;
    const period = { workspaceId, from: values.from ?? '', to: values.to ?? '', format: format as TableFormat };
    const accounts = {
      ...(values['payable-account'] ? { payable: values['payable-account'] } : {}),
      ...(values['employee-account'] ? { employee: values['employee-account'] } : {}),
      ...(values['vat-account'] ? { vat: values['vat-account'] } : {}),
    };
    const r =
      what === 'postings'
        ? await writePostingsExport(db, {
            workspaceId,
            from: values.from!,
            to: values.to!,
            format: format === 'fec-pipe' ? 'fec' : (format as PostingsFormat),
            pipe: format === 'fec-pipe',
            again: values.again === true,
            accounts,
            actorId: null,
            ...(values['company-name'] ? { company: { name: values['company-name'], regNumber: values['company-reg']! } } : {}),
          }, dest)
        : batch !== undefined
        ? await writePaymentFile(db, { workspaceId, batch, format: format as PaymentFileFormat }, dest)
        : what === 'audit'
          ? await writeAuditExport(db, period, dest)
          : what === 'documents'
            ? await writeDocumentExport(db, { ...period, ...(values.status ? { status: values.status } : {}), ...(values.kind ? { kind: values.kind } : {}) }, dest)
            : await writePaymentsReport(db, period, dest);
    if (!r.ok) {
      sink?.out.end();
      process.stderr.write(`${r.reason}\n`);
      return 1;
    }
    if (sink) await sink.flushed;
    process.stderr.write(`${r.message}${values.out ? ` Written to ${values.out}.` : ''}\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => (err instanceof UsageError ? fail(err.message, 2) : fail(`Export failed: ${(err as Error)?.message ?? String(err)}`, 1)),
);
