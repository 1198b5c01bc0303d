import fs from 'node:fs';

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, and cutime + cstime (reaped children, e.g. PostgreSQL backends), in seconds. */
  own: number;
  reaped: number;
}

const TICKS = 100; // USER_HZ: 100 on every Linux Node supports

function readStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[1] = ppid; fields[11..14] = utime, stime, cutime, cstime (stat fields 14–17)
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number) as [number, number, number, number];
    stats.push({
      pid: Number(pid),
      ppid: Number(fields[1]),
      comm,
      own: (utime + stime) / TICKS,
      reaped: (cutime + cstime) / TICKS,
    });
  }
  return stats;
}

/** Which part of the system a process is, by its command name; null for what the report leaves out. */
function kindOf(p: ProcStat): string | null {
  if (p.pid === process.pid) return 'bench process';
  // The cluster's binary is `server`; the dev server is the CLI, `temporal`.
  if (p.comm === 'server' || p.comm.startsWith('temporal')) return 'temporal server';
  if (p.comm.startsWith('postgres')) return 'postgresql';
  if (p.comm === 'node' || p.comm.startsWith('node')) return 'worker processes';
  return null;
}

const roots = new Set([process.pid]);

/** Counts a process this one started but does not parent (pg_ctl's PostgreSQL lives in its own session). */
export function countProcessTree(pid: number) {
  roots.add(pid);
}

/**
 * CPU seconds used so far by each part of the system this process started (Temporal server, PostgreSQL,
 * worker processes, this process), read from /proc, so a benchmark can say which component a slowdown
 * sits in. Only this process's descendants (and countProcessTree's) count: other stacks on a shared
 * machine are not ours.
 */
export function cpuSecondsByProcess(): Record<string, number> {
  const totals: Record<string, number> = {};
  if (!fs.existsSync('/proc/self/stat')) return totals;
  const stats = readStats();
  const parent = new Map(stats.map((p) => [p.pid, p.ppid]));
  const ours = (pid: number) => {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) if (roots.has(p)) return true;
    return false;
  };
  for (const p of stats) {
    const kind = ours(p.pid) ? kindOf(p) : null;
    if (!kind) continue;
    // This process's reaped children are short-lived tools and ended workers, not the bench itself.
    totals[kind] = (totals[kind] ?? 0) + p.own + (p.pid === process.pid ? 0 : p.reaped);
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
