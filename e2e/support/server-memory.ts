import fs from 'node:fs';

/**
 * The resident memory of the server listening on a port, from /proc (Linux, as CI is): the socket's
 * inode in /proc/net/tcp, then the process holding it. For tests that a request can't grow a server.
 */
function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') return fields[9];
    }
  }
  return undefined;
}

export function serverPid(port: number): number {
  const inode = listeningInode(port);
  if (!inode) throw new Error(`nothing listens on port ${port}`);
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let descriptors: string[];
    try {
      descriptors = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of descriptors) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return Number(pid);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  throw new Error(`no process of ours holds port ${port}`);
}

/** Resident set size in MB. */
export function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}
