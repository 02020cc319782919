import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway redis-server on its own port, for tests that stop Redis for real. Never the shared
 * service on 6379.
 */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface OwnRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
  /** Sends a signal to the server process (SIGSTOP freezes it, SIGCONT thaws it). */
  signal(signal: NodeJS.Signals): void;
}

/**
 * `persist`: an append-only file in a temp folder, written on every command, so a killed server comes
 * back with its data (as a production Redis with AOF does); otherwise it comes back empty.
 */
export async function startOwnRedis(port?: number, options: { persist?: boolean } = {}): Promise<OwnRedis> {
  const chosen = port ?? (await freePort());
  let child: ChildProcess | undefined;
  const dir = options.persist ? fs.mkdtempSync(path.join(os.tmpdir(), 'thali-redis-')) : undefined;
  const persistence = dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no'];

  const start = async () => {
    child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', ...persistence], {
      stdio: 'ignore',
    });
    // Never outlive the test process, even one that stops before its afterAll ran.
    const spawned = child;
    process.once('exit', () => spawned.kill('SIGKILL'));
    await waitForPort(chosen, true);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await waitForPort(chosen, false);
  };
  /** Stops the server and removes its append-only folder (a persistent server's last stop). */
  const destroy = async () => {
    await stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };

  await start();
  return { url: `redis://127.0.0.1:${chosen}`, port: chosen, start, stop, destroy, signal: (name) => void child?.kill(name) };
}

async function waitForPort(port: number, open: boolean): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (isOpen === open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} did not become ${open ? 'open' : 'closed'}`);
}

/** A TCP port (and an HTTP server) that accept connections and never answer: a hung Redis. */
export async function startBlackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
