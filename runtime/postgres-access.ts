// As root, embedded PostgreSQL runs as the `postgres` user, which must be able to enter every
// folder above its data directory. A checkout in root's home (/root, mode 0700, the usual
// place in a VM or a container) is not: initdb would fail with a cryptic permission error.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** uid and gid of `user` from /etc/passwd; null when there is no such user yet. */
function account(user: string): { uid: number; gid: number } | null {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , uid, gid] = line.split(':');
      if (name === user) return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // no /etc/passwd: treat the user as a stranger
  }
  return null;
}

/** The first existing folder above `dir` that `user` may not enter (no search permission), or null. */
export function unreachableAncestor(dir: string, user = 'postgres'): string | null {
  const who = account(user);
  let folder = path.dirname(path.resolve(dir));
  const chain: string[] = [];
  for (;;) {
    chain.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const f of chain) {
    let st;
    try {
      st = statSync(f);
    } catch {
      continue; // not created yet: it will be, with the default mode
    }
    const bit = who && st.uid === who.uid ? 0o100 : who && st.gid === who.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return f;
  }
  return null;
}
