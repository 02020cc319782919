import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Busy child processes that keep every core saturated, as noisy neighbours do. Each one spins for at
 * most `ms` and then exits by itself, so a test that dies half-way leaves nothing burning.
 */
export function startCpuHogs(count: number, ms: number): { stop(): Promise<void> } {
  const script = `const end = Date.now() + ${Math.ceil(ms)}; while (Date.now() < end) {}`;
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', script], { stdio: 'ignore' }),
  );
  return {
    async stop() {
      await Promise.all(
        children.map((child) =>
          child.exitCode !== null || child.signalCode !== null
            ? undefined
            : new Promise<void>((resolve) => {
                child.once('exit', () => resolve());
                child.kill('SIGKILL');
              }),
        ),
      );
    },
  };
}
