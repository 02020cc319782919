import type { ListEnd, RedisStore } from '../types';
import { waitTimeoutMs } from '../wait-timeout';

import type { Keyspace } from './keyspace';
import { moveElement } from './lists';

interface Waiter {
  source: string;
  destination: string;
  from: ListEnd;
  to: ListEnd;
  resolve(value: string | null): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

type Commands = Omit<RedisStore, 'backend' | 'close'>;

/**
 * BLMOVE for the in-process store, served the way Redis serves blocked clients: after every command,
 * each key that callers wait on and that now holds a list hands its elements to those callers, oldest
 * waiter first, each with exactly LMOVE's effect at that moment. Serving happens before the command
 * that pushed returns, so no other command can see (or take) an element a waiter is owed.
 *
 * The invariant this keeps: between commands, a key with waiters holds no list. So a new BLMOVE that
 * finds its source empty queues behind the earlier ones, and one that finds an element owes no one.
 */
export class BlockedLists {
  /** Waiters by source key, in arrival order. */
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(private readonly keyspace: Keyspace) {}

  async blmove(source: string, destination: string, from: ListEnd, to: ListEnd, timeoutMs: number): Promise<string | null> {
    const waitMs = waitTimeoutMs('blmove', timeoutMs);
    // Throws WRONGTYPE for a source that is not a list; an empty source waits whatever the destination
    // holds, as in Redis, which checks the destination only when it has something to move.
    const value = moveElement(this.keyspace, source, destination, from, to);
    if (value !== null) return value;

    // The executor runs now, inside this command, so the waiter is queued before anything else runs.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.forget(waiter);
        resolve(null);
      }, waitMs);
      // A pending wait must not keep a process (or a test run) alive; close() ends it anyway.
      timer.unref?.();
      const waiter: Waiter = { source, destination, from, to, resolve, reject, timer };
      const queue = this.waiting.get(source);
      if (queue) queue.push(waiter);
      else this.waiting.set(source, [waiter]);
    });
  }

  /** Hands elements to waiters whose source now holds a list; run after every command. */
  serveReady(): void {
    // Each pass consumes at least one waiter or stops, so chains (a move that feeds another waited key)
    // settle in a bounded number of passes.
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const [key, queue] of this.waiting) {
        while (queue.length > 0 && this.keyspace.type(key) === 'list') {
          const waiter = queue.shift()!;
          progressed = true;
          clearTimeout(waiter.timer);
          try {
            waiter.resolve(moveElement(this.keyspace, key, waiter.destination, waiter.from, waiter.to));
          } catch (error) {
            // A destination that is not a list: this waiter gets WRONGTYPE (as in Redis) and the element
            // stays for the next one.
            waiter.reject(error as Error);
          }
        }
        if (queue.length === 0) this.waiting.delete(key);
      }
    }
  }

  /** Ends every pending wait with an error, so nothing awaits a store that is gone. */
  close(): void {
    const pending = [...this.waiting.values()].flat();
    this.waiting.clear();
    for (const waiter of pending) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('The in-process Redis store is closed'));
    }
  }

  private forget(waiter: Waiter): void {
    const queue = this.waiting.get(waiter.source);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.waiting.delete(waiter.source);
  }
}

/**
 * The store's commands, each followed by serving waiters. Every command is wrapped rather than the
 * few that push today, so a command added later that creates a list (RENAME already does) can't
 * strand a waiter. The memory commands do all their work synchronously, before their first await.
 */
export function servingWaitersAfterEach(commands: Commands, blocked: BlockedLists): Commands {
  const wrapped: Record<string, unknown> = {};
  for (const [name, command] of Object.entries(commands) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return command(...args);
      } finally {
        blocked.serveReady();
      }
    };
  }
  return wrapped as Commands;
}
