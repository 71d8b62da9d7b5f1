// Layers that point one way (docs/architecture.md). A file may import files of its own layer
// and of the layers below it, never above; no file may take part in an import cycle; and
// nothing outside test/ imports test/. The graph is the real one, built from every source file.
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, sourceFiles } from './import-graph';

/** Lowest first. Folders in one layer may import each other (without cycles). */
export const LAYERS: readonly (readonly string[])[] = [
  ['domain'], // pure rules: no I/O
  ['data', 'extraction', 'slack-fake'], // the Prisma client, ids, mappers; reading files; a stand-in for Slack
  ['workflows', 'activities'], // the engine inside Temporal: the workflow and the activities it calls
  ['client'], // the engine's API for everything above
  ['exports', 'payments'], // reports, exports, payment batches and files
  ['bot', 'sandbox'], // Slack, and the local page that plays Slack
  ['runtime'], // process wiring: config, embedded services, worker, start-up
  ['scripts'], // command-line entry points (benchmarks, exports, fixtures)
  ['test'],
];

/** Same-layer or downward imports that are still refused: [from folder, to folder, why]. */
const FORBIDDEN: readonly (readonly [string, string, string])[] = [
  ['client', 'activities', 'the client reaches activities only through Temporal; what both need lives in data/ or domain/'],
  ['workflows', 'data', 'workflow code is deterministic: no database'],
];

/**
 * Imports that break the rule today and are mended on another branch. Each must still exist:
 * once it is gone, delete its line here.
 */
const PENDING: readonly (readonly [string, string, string])[] = [
];

const FOLDERS = LAYERS.flat();
const layerOf = (file: string): number => LAYERS.findIndex((l) => l.includes(file.split('/')[0]!));
const folderOf = (file: string): string => file.split('/')[0]!;

export function layerViolations(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const bad: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (PENDING.some(([f, t]) => f === from && t === to)) continue;
      const [lf, lt] = [layerOf(from), layerOf(to)];
      if (lt < 0) continue; // outside the layered folders (e.g. prisma.config.ts)
      if (lf < 0) bad.push(`${from} → ${to}: ${folderOf(from)}/ is in no layer`);
      else if (lt > lf) bad.push(`${from} → ${to}: ${folderOf(from)}/ (layer ${lf}) may not import ${folderOf(to)}/ (layer ${lt}, above it)`);
      const rule = FORBIDDEN.find(([f, t]) => f === folderOf(from) && t === folderOf(to));
      if (rule) bad.push(`${from} → ${to}: ${rule[2]}`);
    }
  }
  return bad;
}

describe('the import graph', () => {
  const files = sourceFiles(FOLDERS);
  const graph = importGraph(files);

  it('covers every source folder', () => {
    const seen = new Set(files.map(folderOf));
    expect(FOLDERS.filter((f) => f !== 'generated' && !seen.has(f))).toEqual([]);
    expect(files.length).toBeGreaterThan(200);
  });

  it('points one way: no import from a lower layer to a higher one', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps each pending exception only while it still exists', () => {
    const gone = PENDING.filter(([f, t]) => !(graph.get(f) ?? []).includes(t));
    expect(gone.map(([f, t, why]) => `${f} → ${t} no longer imported (${why}): delete it from PENDING`)).toEqual([]);
  });

  it('the checks catch an upward import, a forbidden one and a cycle', () => {
    const fake = new Map<string, string[]>([
      ['domain/a.ts', ['bot/b.ts']],
      ['client/c.ts', ['activities/d.ts']],
      ['bot/b.ts', ['bot/e.ts']],
      ['bot/e.ts', ['bot/b.ts']],
    ]);
    expect(layerViolations(fake)).toEqual([
      'domain/a.ts → bot/b.ts: domain/ (layer 0) may not import bot/ (layer 5, above it)',
      `client/c.ts → activities/d.ts: ${FORBIDDEN[0]![2]}`,
    ]);
    expect(importCycles(fake)).toEqual([['bot/b.ts', 'bot/e.ts']]);
  });
});
