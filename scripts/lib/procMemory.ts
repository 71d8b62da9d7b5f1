import { readFileSync } from 'node:fs';

/** Resident and proportional set size of one process, from /proc (Linux; 0 elsewhere). */
function processMemory(pid: number): { rss: number; pss: number } {
  const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    let pss = 0;
    try {
      pss = kb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
    } catch {
      pss = 0;
    }
    return { rss: kb(status, 'VmRSS'), pss };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

/** Direct and indirect children of `pid`, from each thread's /proc children list. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tids: string[] = [];
    try {
      tids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      tids = [];
    }
    for (const c of tids.map(Number)) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** This process and its children (OCR processes), summed. */
export function treeMemory(pid: number): { selfRss: number; children: number; childrenRss: number; totalRss: number; totalPss: number } {
  const self = processMemory(pid);
  const kids = descendants(pid).map(processMemory);
  const childrenRss = kids.reduce((a, k) => a + k.rss, 0);
  return {
    selfRss: self.rss,
    children: kids.length,
    childrenRss,
    totalRss: self.rss + childrenRss,
    totalPss: self.pss + kids.reduce((a, k) => a + k.pss, 0),
  };
}
