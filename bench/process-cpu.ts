import fs from 'node:fs';

/**
 * CPU seconds used so far by each kind of process on this machine (Temporal server, PostgreSQL,
 * this Node process), read from /proc, so a benchmark can say which component a slowdown sits in.
 * Reaped children count through their parent's cutime/cstime, which covers PostgreSQL backends.
 */
export function cpuSecondsByProcess(): Record<string, number> {
  const ticks = 100; // USER_HZ: 100 on every Linux Node supports
  const totals: Record<string, number> = {};
  if (!fs.existsSync('/proc/self/stat')) return totals;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11..14] = utime, stime, cutime, cstime (stat fields 14–17)
    const seconds = fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / ticks;
    const kind =
      Number(pid) === process.pid
        ? 'node (API + worker + bench)'
        : comm.startsWith('temporal')
          ? 'temporal server'
          : comm.startsWith('postgres')
            ? 'postgresql'
            : null;
    if (kind) totals[kind] = (totals[kind] ?? 0) + seconds;
  }
  return totals;
}

export function cpuSince(before: Record<string, number>): Record<string, number> {
  const now = cpuSecondsByProcess();
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

export const formatCpu = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(', ');
