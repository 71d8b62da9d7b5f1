// `role add|remove`, `roles`, `substitute …`: who holds which role and who stands in for whom.
import { parseRole } from '../../../domain/roles';
import type { ParseResult } from './types';
import { extra, fail, isErr, parseDateRange, parseUser, type Token } from './tokens';
import { SUBSTITUTE_USAGE, USAGE } from '../usage';

export function parseRoleCommand(args: Token[]): ParseResult {
  const u = USAGE.role;
  const verb = args[0]?.text.toLowerCase();
  if (verb !== 'add' && verb !== 'remove') {
    return fail(verb === undefined ? 'Say "add" or "remove".' : `Expected "add" or "remove", got "${args[0]?.text}".`, u);
  }
  const userId = parseUser(args[1]?.text, 'user');
  if (isErr(userId)) return fail(userId.error, u);
  const roleText = args[2]?.text;
  if (roleText === undefined) return fail('Missing the role.', u);
  const role = parseRole(roleText);
  if (role === null) return fail(`Unknown role "${roleText}".`, u);
  const e = extra(args, 3);
  if (e) return fail(e, u);
  return { cmd: verb === 'add' ? 'role.add' : 'role.remove', userId, role };
}

export function parseRolesCommand(args: Token[]): ParseResult {
  if (args.length === 0) return { cmd: 'roles', userId: null };
  const userId = parseUser(args[0]?.text, 'user');
  if (isErr(userId)) return fail(userId.error, USAGE.roles);
  const e = extra(args, 1);
  if (e) return fail(e, USAGE.roles);
  return { cmd: 'roles', userId };
}

export function parseSubstituteCommand(args: Token[]): ParseResult {
  if (args[0]?.text.toLowerCase() === 'remove') {
    const id = args[1]?.text;
    if (id === undefined || id === '') return fail('Missing the substitution ID (see /countersign substitutes).', USAGE.substituteRemove);
    const e = extra(args, 2);
    if (e) return fail(e, USAGE.substituteRemove);
    return { cmd: 'substitute.remove', id };
  }
  const u = USAGE.substitute;
  if (args.length === 0) return fail('Say who substitutes for whom.', SUBSTITUTE_USAGE);
  const substituteId = parseUser(args[0]?.text, 'substitute');
  if (isErr(substituteId)) return fail(substituteId.error, u);
  if (args[1]?.text.toLowerCase() !== 'for') return fail(args[1] ? `Expected "for", got "${args[1].text}".` : 'Missing "for @user".', u);
  const forText = args[2]?.text;
  let forUserId: string;
  if (forText?.toLowerCase() === 'me') {
    forUserId = 'me';
  } else {
    const id = parseUser(forText, 'absent user');
    if (isErr(id)) return fail(id.error, u);
    forUserId = id;
  }
  if (forUserId === substituteId) return fail('A user cannot substitute for themself.', u);
  const range = parseDateRange(args, 3);
  if (isErr(range)) return fail(range.error, u);
  const e = extra(args, 7);
  if (e) return fail(e, u);
  return { cmd: 'substitute.add', substituteId, forUserId, ...range };
}
