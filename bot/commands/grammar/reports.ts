// `status DOC` and `export audit|documents …`: reading documents out (`export payments` is payments.ts).
import { isDocumentStatus, type DocumentStatus } from '../../../domain/documents';
import type { ExportFormat, ParseResult } from './types';
import { extra, fail, isErr, parseDateRange, type Token } from './tokens';
import { USAGE } from '../usage';

export function parseStatusCommand(args: Token[]): ParseResult {
  const u = USAGE.status;
  const t = args[0]?.text;
  if (t === undefined) return fail('Missing the document ID.', u);
  const id = t.replace(/^#/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) return fail(`"${t}" is not a document ID.`, u);
  const e = extra(args, 1);
  if (e) return fail(e, u);
  return { cmd: 'status', documentId: id };
}

export function parseExportCommand(args: Token[]): ParseResult {
  const u = USAGE.export;
  const what = args[0]?.text.toLowerCase();
  if (what !== 'audit' && what !== 'documents') {
    return fail(what === undefined ? 'Say what to export: audit, documents or payments.' : `Cannot export "${args[0]?.text}": use audit, documents or payments.`, u);
  }
  const range = parseDateRange(args, 1);
  if (isErr(range)) return fail(range.error, u);
  let format: ExportFormat | undefined;
  let status: DocumentStatus[] | null = null;
  for (const t of args.slice(5)) {
    const lower = t.text.toLowerCase();
    if (lower === 'csv' || lower === 'xlsx') {
      if (format) return fail('Give the format once: csv or xlsx.', u);
      format = lower;
    } else if (lower.startsWith('status=')) {
      if (status) return fail('Option "status" is given twice.', u);
      const list = lower.slice('status='.length).split(',').filter((s) => s !== '');
      if (list.length === 0) return fail('status= needs at least one status.', u);
      status = [];
      for (const s of list) {
        const norm = s.replace(/-/g, '_');
        if (!isDocumentStatus(norm)) return fail(`Unknown status "${s}".`, u);
        if (!status.includes(norm)) status.push(norm);
      }
    } else {
      return fail(`Unexpected "${t.text}": expected csv, xlsx or status=….`, u);
    }
  }
  return { cmd: 'export', what, ...range, format: format ?? 'csv', status };
}

