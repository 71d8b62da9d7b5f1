// The code lists the coding form offers: active codes only (retired ones stay on the documents
// that have them, but are not offered), VAT codes with their rate.
import { listCodes } from '../client/codes';
import { decimalString } from '../data/mappers';
import type { BotContext } from './context';
import type { CodeLists } from './views/coding-modal';

export async function codeLists(ctx: BotContext): Promise<CodeLists> {
  const codes = await listCodes(ctx.db, ctx.workspaceId);
  const lists: CodeLists = { account: [], vat: [], cost_centre: [], project: [] };
  for (const c of codes) {
    if (c.retiredAt) continue;
    lists[c.type].push({ code: c.code, label: c.label, ...(c.type === 'vat' ? { rate: decimalString(c.vatRate, 3) } : {}) });
  }
  return lists;
}
