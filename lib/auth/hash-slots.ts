import 'server-only';

import { singletons } from '@/lib/server/singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The line strangers' password hashes wait in (strangerHashSlots). */
    strangerHashes?: HashSlots;
  }
}

/**
 * How many password hashes this process runs at once for browsers it doesn't know, and how many more
 * may wait their turn. Each is a scrypt hash (password.ts: ~32 MiB and 50-100 ms on one of the four
 * threads of Node's threadpool, which file reads and response compression wait for too). The sign-in
 * budgets bound how many an address or address block gets an hour, not how many arrive at once: 300
 * wrong passwords sent together from 100 addresses held a production server's pages up for 35 s
 * (attack review). One at a time caps the cost at about one core per process; a few colleagues
 * signing in together wait a moment in line, and past the line an attempt is told to try again.
 */
export const STRANGER_HASHES_AT_ONCE = 1;
export const STRANGER_HASHES_WAITING = 8;

export interface HashSlots {
  /** Runs `work` in a free slot, after those ahead of it in line; 'busy' at once, without running it, when the line is full. */
  run<T>(work: () => Promise<T>): Promise<T | 'busy'>;
}

export function hashSlots(size: number = STRANGER_HASHES_AT_ONCE, waiting: number = STRANGER_HASHES_WAITING): HashSlots {
  let inFlight = 0;
  const line: (() => void)[] = [];
  return {
    async run(work) {
      if (inFlight >= size) {
        if (line.length >= waiting) return 'busy';
        // The slot is handed over by the one finishing, so nobody arriving meanwhile jumps the line.
        await new Promise<void>((resolve) => line.push(resolve));
      } else {
        inFlight += 1;
      }
      try {
        return await work();
      } finally {
        const next = line.shift();
        if (next) next();
        else inFlight -= 1;
      }
    },
  };
}

/**
 * The process's one line for strangers' hashes (decision 064): on globalThis, as every route bundle
 * has its own copy of this module and a line per copy would multiply the bound (lib/server/singletons.ts).
 */
export function strangerHashSlots(): HashSlots {
  return (singletons().strangerHashes ??= hashSlots());
}
