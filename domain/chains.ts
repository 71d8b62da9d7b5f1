/**
 * Approval chains: definition, validation, selection and a one-line
 * description. A chain is: optional coding, zero or more coordinate stages,
 * one or more approve stages, in that order (docs/product.md "Approval chains").
 *
 * Amount conditions: minAmount is INCLUSIVE, maxAmount is EXCLUSIVE, i.e. the
 * range is [min, max). Two chains "max=5000" and "min=5000" therefore tile
 * the amounts with no gap and no overlap: exactly 5000 goes to "min=5000",
 * which reads naturally as "5000 and over".
 */
import type { Actor, Role } from './roles';
import type { DocumentKind } from './documents';
import { compareAmounts, isDecimalString } from './money';
import { D } from './decimal';
import { normalizeCode, supplierMatches } from './matching';

export type StageType = 'coding' | 'coordinate' | 'approve';
export type StageMode = 'all' | 'any';

/** userIds; a coding stage with [] means "any bookkeeper". */
export interface StageDef {
  type: StageType;
  mode: StageMode;
  assignees: string[];
}

/** Amounts in the document currency; minAmount inclusive, maxAmount exclusive. */
export interface ChainConditions {
  kind?: DocumentKind;
  minAmount?: string;
  maxAmount?: string;
  costCentre?: string;
  supplier?: string;
}

export interface ChainDef {
  name: string;
  isDefault: boolean;
  conditions: ChainConditions;
  stages: StageDef[];
}

export interface ChainSubject {
  kind: DocumentKind;
  totalAmount: string | null;
  costCentre: string | null;
  supplierName: string | null;
}

/** The role an assignee of each stage type must hold. */
export const STAGE_ROLE: Record<StageType, Role> = {
  coding: 'bookkeeper',
  coordinate: 'coordinator',
  approve: 'approver',
};

/** Chain names are single tokens because the slash command addresses them by name. */
export const CHAIN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Returns human-readable problems; [] when the chain is valid. */
export function validateChain(chain: ChainDef, usersById?: Map<string, Actor>): string[] {
  const errors: string[] = [];
  if (!CHAIN_NAME_RE.test(chain.name)) {
    errors.push(`Chain name "${chain.name}" must be 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit.`);
  }
  errors.push(...validateConditions(chain.conditions));

  const stages = chain.stages;
  if (stages.length === 0) {
    errors.push('A chain needs at least one stage.');
    return errors;
  }
  const last = stages[stages.length - 1];
  if (last && last.type !== 'approve') {
    errors.push('The last stage must be an approve stage (a coordinator is never the final approver).');
  }
  let seenApprove = false;
  stages.forEach((stage, i) => {
    const n = i + 1;
    if (stage.mode !== 'all' && stage.mode !== 'any') errors.push(`Stage ${n}: mode must be "all" or "any".`);
    if (stage.type === 'coding' && i > 0) errors.push(`Stage ${n}: coding must be the first stage, and there can be only one.`);
    if (stage.type === 'coordinate' && seenApprove) {
      errors.push(`Stage ${n}: a coordinate stage cannot come after an approve stage (a coordinator is never the final approver).`);
    }
    if (stage.type === 'approve') seenApprove = true;
    if (stage.type !== 'coding' && stage.assignees.length === 0) {
      errors.push(`Stage ${n} (${stage.type}) needs at least one named user.`);
    }
    const dupes = stage.assignees.filter((u, j) => stage.assignees.indexOf(u) !== j);
    if (dupes.length > 0) errors.push(`Stage ${n}: ${[...new Set(dupes)].join(', ')} listed more than once.`);
    if (usersById) errors.push(...checkAssignees(stage, n, usersById));
  });
  errors.push(...twoStageProblems(stages));
  return errors;
}

/**
 * One person decides once per document round (./permissions/decide.ts), so a person named in
 * two decision stages could never decide the second: with them alone (or in an ALL stage)
 * there, every document would stop at it. Refused when the chain is saved rather than
 * discovered on each document. A coding stage is data entry, not a decision: a bookkeeper
 * named there may also decide later.
 */
function twoStageProblems(stages: StageDef[]): string[] {
  const firstStage = new Map<string, number>();
  const errors: string[] = [];
  stages.forEach((stage, i) => {
    if (stage.type === 'coding') return;
    for (const id of new Set(stage.assignees)) {
      const first = firstStage.get(id);
      if (first === undefined) firstStage.set(id, i + 1);
      else errors.push(`${id} is named in stages ${first} and ${i + 1}: one person decides once per document, so they could never decide stage ${i + 1}.`);
    }
  });
  return errors;
}

function validateConditions(c: ChainConditions): string[] {
  const errors: string[] = [];
  if (c.minAmount !== undefined && !isDecimalString(c.minAmount)) errors.push(`Minimum amount "${c.minAmount}" is not a number.`);
  if (c.maxAmount !== undefined && !isDecimalString(c.maxAmount)) errors.push(`Maximum amount "${c.maxAmount}" is not a number.`);
  if (
    c.minAmount !== undefined &&
    c.maxAmount !== undefined &&
    isDecimalString(c.minAmount) &&
    isDecimalString(c.maxAmount) &&
    compareAmounts(c.minAmount, c.maxAmount) >= 0
  ) {
    // max is exclusive, so min = max would match nothing.
    errors.push(`Minimum amount ${c.minAmount} must be below maximum amount ${c.maxAmount} (the maximum is exclusive).`);
  }
  if (c.kind !== undefined && c.kind !== 'invoice' && c.kind !== 'expense') errors.push(`Kind must be "invoice" or "expense".`);
  if (c.costCentre !== undefined && normalizeCode(c.costCentre) === '') errors.push('Cost centre condition is empty.');
  if (c.supplier !== undefined && c.supplier.trim() === '') errors.push('Supplier condition is empty.');
  return errors;
}

function checkAssignees(stage: StageDef, n: number, usersById: Map<string, Actor>): string[] {
  const errors: string[] = [];
  const role = STAGE_ROLE[stage.type];
  for (const id of stage.assignees) {
    const user = usersById.get(id);
    if (!user) {
      errors.push(`Stage ${n}: unknown user ${id}.`);
    } else if (user.roles.includes('auditor')) {
      // Auditors change nothing, so they cannot sit on a chain.
      errors.push(`Stage ${n}: ${id} is an auditor; auditors cannot decide on documents.`);
    } else if (!user.roles.includes(role)) {
      errors.push(`Stage ${n}: ${id} does not hold the ${role} role needed for ${stage.type === 'approve' ? 'an' : 'a'} ${stage.type} stage.`);
    }
  }
  return errors;
}

// ---------------------------------------------------------------- routing fields

/**
 * The fields a document's chain is chosen by (its kind aside, which only confirmation sets):
 * the amount conditions read the total, in the document's currency; the cost-centre and
 * supplier conditions read those fields. Once a round has started they are fixed, so what
 * the approvers decide on is what chose them; a correction goes through a rejection, and
 * the resubmission chooses the chain again.
 */
export const ROUTING_FIELDS = ['totalAmount', 'currency', 'costCentre', 'supplierName'] as const;
export type RoutingField = (typeof ROUTING_FIELDS)[number];

const ROUTING_LABEL: Record<RoutingField, string> = { totalAmount: 'total', currency: 'currency', costCentre: 'cost centre', supplierName: 'supplier' };

/** The refusal for a change of routing fields once the round started, or null when none of `changed` routes. */
export function routingChangeRefusal(changed: readonly string[]): string | null {
  const routing = ROUTING_FIELDS.filter((f) => changed.includes(f));
  if (routing.length === 0) return null;
  const what = routing.map((f) => ROUTING_LABEL[f]);
  const named = what.length === 1 ? `The ${what[0]}` : `The ${what.slice(0, -1).join(', ')} and ${what.at(-1)}`;
  return `${named} chose this document's approval chain, so ${what.length === 1 ? 'it' : 'they'} cannot change once the approval round has started. Reject the document to correct ${what.length === 1 ? 'it' : 'them'}: when it is resubmitted, its chain is chosen again.`;
}

// ---------------------------------------------------------------- selection

export function chainMatches(chain: ChainDef, s: ChainSubject): boolean {
  const c = chain.conditions;
  if (c.kind !== undefined && c.kind !== s.kind) return false;
  if (c.minAmount !== undefined || c.maxAmount !== undefined) {
    // An unknown total cannot satisfy an amount bound.
    if (s.totalAmount === null || !isDecimalString(s.totalAmount)) return false;
    if (c.minAmount !== undefined && compareAmounts(s.totalAmount, c.minAmount) < 0) return false;
    if (c.maxAmount !== undefined && compareAmounts(s.totalAmount, c.maxAmount) >= 0) return false;
  }
  if (c.costCentre !== undefined) {
    if (s.costCentre === null || normalizeCode(s.costCentre) !== normalizeCode(c.costCentre)) return false;
  }
  if (c.supplier !== undefined) {
    if (s.supplierName === null || !supplierMatches(c.supplier, s.supplierName)) return false;
  }
  return true;
}

/** Number of distinct criteria set: kind, amount (min and/or max count once), cost centre, supplier. */
export function conditionCount(c: ChainConditions): number {
  return (
    (c.kind !== undefined ? 1 : 0) +
    (c.minAmount !== undefined || c.maxAmount !== undefined ? 1 : 0) +
    (c.costCentre !== undefined ? 1 : 0) +
    (c.supplier !== undefined ? 1 : 0)
  );
}

/**
 * Orders two chains from most to least specific (negative: a first).
 * 1. more criteria set wins;
 * 2. bounded amount range beats half-open, half-open beats none;
 * 3. narrower range: two bounded ranges by width; two "min only" by the
 *    higher min; two "max only" by the lower max (each is then a subset);
 * 4. a non-default chain beats the default at equal specificity;
 * 5. name, by code points (locale-independent, so deterministic everywhere).
 */
export function compareSpecificity(a: ChainDef, b: ChainDef): number {
  const byCount = conditionCount(b.conditions) - conditionCount(a.conditions);
  if (byCount !== 0) return byCount;
  const byBounds = boundCount(b.conditions) - boundCount(a.conditions);
  if (byBounds !== 0) return byBounds;
  const byWidth = compareNarrowness(a.conditions, b.conditions);
  if (byWidth !== 0) return byWidth;
  if (a.isDefault !== b.isDefault) return a.isDefault ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function boundCount(c: ChainConditions): number {
  return (c.minAmount !== undefined ? 1 : 0) + (c.maxAmount !== undefined ? 1 : 0);
}

function compareNarrowness(a: ChainConditions, b: ChainConditions): number {
  const { minAmount: amin, maxAmount: amax } = a;
  const { minAmount: bmin, maxAmount: bmax } = b;
  if (amin !== undefined && amax !== undefined && bmin !== undefined && bmax !== undefined) {
    return new D(amax).minus(amin).cmp(new D(bmax).minus(bmin));
  }
  if (amin !== undefined && bmin !== undefined && amax === undefined && bmax === undefined) return compareAmounts(bmin, amin);
  if (amax !== undefined && bmax !== undefined && amin === undefined && bmin === undefined) return compareAmounts(amax, bmax);
  return 0;
}

/**
 * The chain for a document: the most specific matching chain, else the
 * default chain (whatever its conditions: it "catches the rest"), else null.
 * Chains with invalid amount conditions never match instead of throwing, so
 * one bad row cannot stop every workflow.
 */
export function selectChain(chains: ChainDef[], subject: ChainSubject): ChainDef | null {
  const usable = chains.filter((c) => validateConditions(c.conditions).length === 0);
  const matching = usable.filter((c) => chainMatches(c, subject)).sort(compareSpecificity);
  if (matching[0]) return matching[0];
  const defaults = chains.filter((c) => c.isDefault).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return defaults[0] ?? null;
}

// ---------------------------------------------------------------- description

/** '5000.00' → '5000', '12.50' stays: shorter for humans, same value. */
function shortAmount(a: string): string {
  return a.replace(/\.0+$/, '').replace(/(\.\d*[1-9])0+$/, '$1');
}

function describeConditions(chain: ChainDef): string[] {
  const c = chain.conditions;
  const parts: string[] = [];
  if (chain.isDefault) parts.push('default');
  if (c.kind) parts.push(c.kind);
  if (c.minAmount !== undefined) parts.push(`≥ ${shortAmount(c.minAmount)}`);
  if (c.maxAmount !== undefined) parts.push(`< ${shortAmount(c.maxAmount)}`);
  if (c.costCentre !== undefined) parts.push(`cost-centre ${c.costCentre}`);
  if (c.supplier !== undefined) parts.push(`supplier "${c.supplier}"`);
  return parts;
}

/**
 * One line for humans, e.g.
 * 'big (invoice, ≥ 5000): coding → coordinate ALL @ann @bob → approve ANY @cfo'.
 * nameOf's result is used verbatim (so the bot may pass `<@U1>` mentions);
 * by default a user shows as '@' + userId.
 */
export function describeChain(chain: ChainDef, nameOf: (userId: string) => string = (id) => `@${id}`): string {
  const conds = describeConditions(chain);
  const head = conds.length > 0 ? `${chain.name} (${conds.join(', ')})` : chain.name;
  const stages = chain.stages.map((s) => {
    const who = s.assignees.map(nameOf).join(' ');
    if (s.type === 'coding') {
      if (s.assignees.length === 0) return 'coding';
      return s.assignees.length > 1 ? `coding ${s.mode.toUpperCase()} ${who}` : `coding ${who}`;
    }
    return `${s.type} ${s.mode.toUpperCase()} ${who}`.trimEnd();
  });
  return `${head}: ${stages.length > 0 ? stages.join(' → ') : '(no stages)'}`;
}
