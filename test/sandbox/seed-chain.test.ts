// The sandbox's default chain must be one an administrator can save: a person holding both the
// coordinator and the approver role is named once (as final approver), never in two stages.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE, type SandboxPerson } from '../../sandbox/people';
import { seedCommands } from '../../sandbox/seed';

const person = (handle: string, ...roles: SandboxPerson['roles']): SandboxPerson => ({ id: `U0${handle.toUpperCase()}`, handle, realName: handle, title: '', tz: 'UTC', roles });

describe('the sandbox default chain', () => {
  it('names someone with both roles only in the approve stage', () => {
    const people = [person('ada', 'admin'), person('cam', 'coordinator'), person('both', 'coordinator', 'approver'), person('pri', 'approver')];
    expect(seedCommands(people)).toContain('chain set default : coding ; coordinate all @cam ; approve any @both @pri');
  });
  it('is unchanged for the default people', () => {
    expect(seedCommands(DEFAULT_PEOPLE).find((c) => c.startsWith('chain set'))).toBe('chain set default : coding ; coordinate all @camille @kaarel ; approve any @priya @diego');
  });
});
