// CPU time a server spends, read from /proc (Linux): what a request costs the server itself, which
// other processes on a shared machine disturb far less than they disturb its throughput.
import fs from 'node:fs';

/** Nanoseconds on CPU of a process and its descendants, every thread (schedstat), or null off Linux. */
export function cpuNanoseconds(pid: number): number | null {
  try {
    let total = 0;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      total += threadNanoseconds(pid, task);
      for (const child of children(pid, task)) total += cpuNanoseconds(child) ?? 0;
    }
    return total;
  } catch {
    return null;
  }
}

function threadNanoseconds(pid: number, task: string): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0; // the thread ended meanwhile
  }
}

function children(pid: number, task: string): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
