import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './redis-server';

/**
 * A throwaway Postgres cluster of a test's own (initdb into a temp folder, pg_ctl on a free port), for
 * tests that freeze (SIGSTOP) or kill Postgres for real. Never the shared service on 5432. As root,
 * the cluster runs as the `postgres` user (Postgres refuses to run as root).
 */

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((name) => fs.existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Why a cluster of our own can't be started here, or undefined when it can. */
export function postgresServerMissing(): string | undefined {
  if (!binDir()) return 'no Postgres server binaries (initdb, pg_ctl) under /usr/lib/postgresql';
  if (isRoot && spawnSync('runuser', ['-u', 'postgres', '--', 'true']).status !== 0) {
    return 'running as root without a `postgres` user to run the cluster as';
  }
  return undefined;
}

export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: create test databases through it. */
  url: string;
  port: number;
  /** SIGSTOP the postmaster and every backend: connections stay open and nothing answers. */
  freeze(): void;
  /** SIGCONT what freeze() stopped. */
  thaw(): void;
  /** Immediate shutdown, as a crash would (connections are dropped). */
  stop(): void;
  start(): void;
  /** Stops the cluster and removes its folder. */
  destroy(): void;
}

function run(bin: string, args: readonly string[]): void {
  const command = isRoot ? 'runuser' : bin;
  const argv = isRoot ? ['-u', 'postgres', '--', bin, ...args] : [...args];
  execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function processTree(pid: number): number[] {
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => Number(line.trim()))
    .filter((child) => Number.isInteger(child) && child > 0);
  return [pid, ...children];
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binDir();
  if (!bin) throw new Error('no Postgres server binaries found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thali-pg-'));
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  // TEST_OWN_POSTGRES_PORT pins it (a shared machine where each engineer has ports of their own).
  const port = Number(process.env.TEST_OWN_POSTGRES_PORT) || (await freePort());
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const pgCtl = (...args: string[]) => run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '30', ...args]);
  const postmasterPid = () => Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let frozen: number[] = [];
  const thaw = () => {
    frozen.forEach((pid) => {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // Gone meanwhile.
      }
    });
    frozen = [];
  };

  const start = () => pgCtl('-o', options, '-l', path.join(dir, 'log'), 'start');
  start();
  // Never outlive the test process, even one that stops before its afterAll ran.
  process.once('exit', () => {
    thaw();
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      // Already stopped.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    freeze() {
      // The postmaster first, so it forks no new backend while the others are being stopped.
      frozen = processTree(postmasterPid());
      frozen.forEach((pid) => process.kill(pid, 'SIGSTOP'));
    },
    thaw,
    stop: () => pgCtl('-m', 'immediate', 'stop'),
    start,
    destroy() {
      thaw();
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
