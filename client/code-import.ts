// Code lists imported from a CSV or XLSX file: read the rows, show what would change, and
// apply it on request (added, relabelled, retired, restored), in one transaction with one
// configuration audit event. Also `codes retire|restore` for one code.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../data/db';
import { newId } from '../data/ids';
import { decimalString } from '../data/mappers';
import { describePlan, planImport, readCodeRows, type CodeKind, type ImportPlan } from '../domain';
import { permission } from './actors';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';

/** Rows of the first sheet (XLSX) or of the CSV (comma, semicolon or tab, UTF-8 with or without BOM). */
export async function readSheet(bytes: Buffer, fileName: string): Promise<string[][]> {
  if (/\.xlsx$/i.test(fileName) || bytes.subarray(0, 2).toString('latin1') === 'PK') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text) : typeof v === 'object' && v && 'result' in v ? String((v as { result: unknown }).result) : String(v))));
    });
    return rows;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
}

export interface ImportResult {
  plan: ImportPlan;
  preview: string;
  applied: boolean;
}

export async function importCodes(db: Db, p: { workspaceId: string; actorId: string; rows: string[][]; apply: boolean; defaultType?: CodeKind }): Promise<Outcome<ImportResult>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const { codes, problems } = readCodeRows(p.rows, p.defaultType);
  if (problems.length > 0) return refused(`The file cannot be imported: ${problems.slice(0, 8).join(' ')}${problems.length > 8 ? ` (and ${problems.length - 8} more)` : ''}`);
  const existing = await db.codeListEntry.findMany({ where: { workspaceId: p.workspaceId } });
  const plan = planImport(
    existing.map((e) => ({ type: e.type, code: e.code, label: e.label, vatRate: decimalString(e.vatRate, 3), retired: e.retiredAt !== null })),
    codes,
  );
  const preview = describePlan(plan);
  if (!p.apply) return done({ plan, preview, applied: false }, preview);
  const now = new Date();
  await db.$transaction(async (tx) => {
    for (const c of plan.added) await tx.codeListEntry.create({ data: { id: newId('code'), workspaceId: p.workspaceId, type: c.type, code: c.code, label: c.label, vatRate: c.vatRate, retiredAt: c.retired ? now : null } });
    const where = (type: CodeKind, code: string) => ({ workspaceId_type_code: { workspaceId: p.workspaceId, type, code } });
    for (const { after } of plan.changed) await tx.codeListEntry.update({ where: where(after.type, after.code), data: { label: after.label, ...(after.vatRate !== null ? { vatRate: after.vatRate } : {}) } });
    for (const c of plan.retired) await tx.codeListEntry.update({ where: where(c.type, c.code), data: { retiredAt: now, label: c.label } });
    for (const c of plan.restored) await tx.codeListEntry.update({ where: where(c.type, c.code), data: { retiredAt: null, label: c.label, ...(c.vatRate !== null ? { vatRate: c.vatRate } : {}) } });
  });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'codes_imported', details: { added: plan.added.length, changed: plan.changed.length, retired: plan.retired.length, restored: plan.restored.length } });
  return done({ plan, preview, applied: true }, `Imported: ${preview}`);
}

export async function setCodeRetired(db: Db, p: { workspaceId: string; actorId: string; type: CodeKind; code: string; retired: boolean }): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const r = await db.codeListEntry.updateMany({ where: { workspaceId: p.workspaceId, type: p.type, code: p.code }, data: { retiredAt: p.retired ? new Date() : null } });
  if (r.count === 0) return refused(`There is no ${p.type.replace('_', ' ')} code ${p.code}.`);
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: p.retired ? 'code_retired' : 'code_restored', details: { type: p.type, code: p.code } });
  return done(undefined, p.retired ? `${p.code} is retired: no longer offered; documents coded with it keep it.` : `${p.code} is offered again.`);
}
