/**
 * Code lists from a spreadsheet: rows (header first) → entries, and what importing them would
 * change. A file may list one type (a chart of accounts: code and label) or several (a "type"
 * column). Codes missing from the file are left as they are: retiring is explicit (a "retired"
 * column or `codes retire`), so an incomplete file never breaks anything.
 */
import type { CodeKind } from './coding-codes';

export interface ImportedCode {
  type: CodeKind;
  code: string;
  label: string;
  vatRate: string | null;
  retired: boolean;
}

export interface ExistingCode {
  type: CodeKind;
  code: string;
  label: string;
  vatRate: string | null;
  retired: boolean;
}

export interface ImportPlan {
  added: ImportedCode[];
  changed: { before: ExistingCode; after: ImportedCode }[];
  retired: ImportedCode[];
  restored: ImportedCode[];
  unchanged: number;
}

const TYPE_WORDS: Record<string, CodeKind> = {
  account: 'account', accounts: 'account', gl: 'account', 'gl account': 'account', konto: 'account', compte: 'account',
  vat: 'vat', 'vat code': 'vat', tax: 'vat', tva: 'vat', km: 'vat', käibemaks: 'vat',
  'cost centre': 'cost_centre', 'cost center': 'cost_centre', 'cost-centre': 'cost_centre', cost_centre: 'cost_centre', costcentre: 'cost_centre', department: 'cost_centre',
  project: 'project', projects: 'project', projet: 'project', projekt: 'project',
};
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const find = (header: string[], names: string[]) => header.findIndex((h) => names.includes(norm(h)));

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;

export function readCodeRows(rows: readonly (readonly string[])[], defaultType: CodeKind = 'account'): { codes: ImportedCode[]; problems: string[] } {
  const problems: string[] = [];
  const header = (rows[0] ?? []).map((h) => String(h ?? ''));
  const col = {
    type: find(header, ['type', 'list', 'kind']),
    code: find(header, ['code', 'account', 'number', 'no', 'account number', 'numéro', 'compte', 'konto', 'comptenum']),
    label: find(header, ['label', 'name', 'description', 'title', 'libellé', 'nimetus', 'comptelib']),
    rate: find(header, ['vat rate', 'rate', 'vat %', 'rate %', 'taux', 'määr']),
    retired: find(header, ['retired', 'inactive', 'closed']),
    active: find(header, ['active']),
  };
  if (col.code < 0 || col.label < 0) return { codes: [], problems: ['The first row must name the columns: code and label (and optionally type, vat rate, retired).'] };
  const codes: ImportedCode[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((raw, i) => {
    const r = raw.map((c) => String(c ?? '').trim());
    const n = i + 2;
    if (r.every((c) => c === '')) return;
    const typeText = col.type >= 0 ? norm(r[col.type] ?? '') : '';
    const type = col.type >= 0 ? TYPE_WORDS[typeText] : defaultType;
    if (!type) return void problems.push(`Row ${n}: unknown type "${r[col.type] ?? ''}" (account, vat, cost centre, project).`);
    const code = r[col.code] ?? '';
    const label = r[col.label] ?? '';
    if (!CODE_RE.test(code)) return void problems.push(`Row ${n}: "${code}" is not a valid code (letters, digits, '.', '_', '/', '-', up to 32).`);
    if (!label) return void problems.push(`Row ${n}: ${code} has no label.`);
    let vatRate: string | null = null;
    if (col.rate >= 0 && r[col.rate]) {
      const t = r[col.rate]!.replace('%', '').replace(',', '.').trim();
      if (!/^\d{1,2}(\.\d{1,3})?$/.test(t)) return void problems.push(`Row ${n}: "${r[col.rate]}" is not a VAT rate.`);
      vatRate = t;
    }
    const yes = (v: string | undefined) => /^(1|y|yes|true|x|retired|oui|jah)$/i.test(v ?? '');
    const no = (v: string | undefined) => /^(0|n|no|false|non|ei)$/i.test(v ?? '');
    const retired = col.retired >= 0 ? yes(r[col.retired]) : col.active >= 0 ? no(r[col.active]) : false;
    const key = `${type}:${code}`;
    if (seen.has(key)) return void problems.push(`Row ${n}: ${code} is listed twice.`);
    seen.add(key);
    codes.push({ type, code, label, vatRate, retired });
  });
  if (codes.length === 0 && problems.length === 0) problems.push('The file lists no codes.');
  return { codes, problems };
}

const sameRate = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

export function planImport(existing: readonly ExistingCode[], incoming: readonly ImportedCode[]): ImportPlan {
  const byKey = new Map(existing.map((e) => [`${e.type}:${e.code}`, e]));
  const plan: ImportPlan = { added: [], changed: [], retired: [], restored: [], unchanged: 0 };
  for (const c of incoming) {
    const e = byKey.get(`${c.type}:${c.code}`);
    if (!e) plan.added.push(c);
    else if (c.retired && !e.retired) plan.retired.push(c);
    else if (!c.retired && e.retired) plan.restored.push(c);
    else if (e.label !== c.label || (c.vatRate !== null && !sameRate(e.vatRate, c.vatRate))) plan.changed.push({ before: e, after: c });
    else plan.unchanged++;
  }
  return plan;
}

const TYPE_LABEL: Record<CodeKind, string> = { account: 'account', vat: 'VAT code', cost_centre: 'cost centre', project: 'project' };

/** The preview people read before applying: counts, then the first lines of each change. */
export function describePlan(plan: ImportPlan, max = 10): string {
  const head = `${plan.added.length} to add, ${plan.changed.length} to change, ${plan.retired.length} to retire, ${plan.restored.length} to restore, ${plan.unchanged} unchanged.`;
  const out = [head];
  const list = <T>(title: string, items: T[], line: (x: T) => string) => {
    if (items.length === 0) return;
    out.push(`*${title}*`, ...items.slice(0, max).map((x) => `• ${line(x)}`));
    if (items.length > max) out.push(`• … and ${items.length - max} more`);
  };
  const rate = (r: string | null) => (r === null ? '' : ` (${r} %)`);
  list('Add', plan.added, (c) => `${TYPE_LABEL[c.type]} ${c.code} ${c.label}${rate(c.vatRate)}${c.retired ? ' (retired)' : ''}`);
  list('Change', plan.changed, ({ before, after }) => `${TYPE_LABEL[after.type]} ${after.code}: ${before.label}${rate(before.vatRate)} → ${after.label}${rate(after.vatRate ?? before.vatRate)}`);
  list('Retire', plan.retired, (c) => `${TYPE_LABEL[c.type]} ${c.code} ${c.label}`);
  list('Restore', plan.restored, (c) => `${TYPE_LABEL[c.type]} ${c.code} ${c.label}`);
  return out.join('\n');
}
