import type { Database } from '@/db/client';
import { DeadlineError } from '@/lib/server/deadline';

/**
 * Faults placed on one statement, command or COMMIT of a transaction (tests/integration/faults-postgres-
 * transactions.test.ts): proxies over a Drizzle database or a Redis store that freeze, hold or fail a
 * chosen call, so a case can land a freeze exactly where a real one would hurt.
 */

/** How long `work` took to fail, or an error once `limitMs` passed (a hang fails the test, not the run). */
export async function failsWithin(work: () => Promise<unknown>, limitMs: number): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), limitMs);
  });
  try {
    const outcome = await Promise.race([work().then(() => 'resolved' as const, (error: unknown) => ({ error })), hang]);
    if (outcome === 'hung') throw new Error(`still waiting after ${limitMs} ms`);
    if (outcome === 'resolved') throw new Error('expected a failure');
    return { error: outcome.error, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `target` (a database or a Redis store) whose next call of `method` after `arm()` runs `fault` just
 * before it: the fault lands as that statement or command is sent.
 */
export function faultOnNextCall<T extends object>(target: T, method: string, fault: () => void): { subject: T; arm(): void } {
  let armed = false;
  const subject = new Proxy(target, {
    get(inner, property, receiver) {
      const value = Reflect.get(inner, property, receiver) as unknown;
      if (property !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (armed) {
          armed = false;
          fault();
        }
        return Reflect.apply(value, inner, args) as unknown;
      };
    },
  });
  return { subject, arm: () => void (armed = true) };
}

/** `db` whose transactions run `hook` once their body is done, just before the driver sends COMMIT. */
export function beforeCommit(db: Database, hook: (tx: Database) => unknown): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
      return (run: (tx: Database) => Promise<unknown>) =>
        target.transaction(async (tx) => {
          const result = await run(tx);
          await hook(tx);
          return result;
        });
    },
  });
}

/**
 * `db` whose calls of `method` after the first are sent only once `gate` resolves (their builder's
 * `then` waits for it); `settled` runs when such a call has ended, however it ended.
 */
export function heldAfterFirst(db: Database, method: string, gate: Promise<void>, settled: () => void): Database {
  let calls = 0;
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const builder = Reflect.apply(value, target, args) as object;
        if (++calls === 1) return builder;
        // Sent once the gate opens; `settled` however it ends.
        return thenInstead(builder, (sent) => gate.then(sent).finally(settled));
      };
    },
  });
}

/**
 * `db` whose first `update` (a text's claim) runs but fails as if at its deadline, its rows coming as the
 * late answer (db/deadline-outcome.ts lateAnswer), and whose second (the claim's give-back) is refused
 * unsent, as the client refuses a statement while it still counts the server silent.
 */
export function claimLandsLateThenGiveBackRefused(db: Database): Database {
  let calls = 0;
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'update' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const builder = Reflect.apply(value, target, args) as object;
        calls += 1;
        if (calls === 1) {
          return thenInstead(builder, async (sent) => {
            const rows = await sent();
            const timedOut = new DeadlineError('Postgres query timed out after 1000 ms', false);
            Object.defineProperty(timedOut, Symbol.for('thali.late-answer'), { value: Promise.resolve(rows) });
            throw new Error('Failed query: update …', { cause: timedOut });
          });
        }
        if (calls === 2) {
          return thenInstead(builder, async () => {
            throw new Error('Failed query: update …', { cause: new DeadlineError('Postgres is not answering', false) });
          });
        }
        return builder;
      };
    },
  });
}

/** A query builder whose chained calls keep it wrapped, and whose `then` runs `instead` (given the real send). */
function thenInstead(builder: object, instead: (sent: () => Promise<unknown>) => Promise<unknown>): object {
  return new Proxy(builder, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'then') {
        return (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) =>
          instead(() => Promise.resolve((target as PromiseLike<unknown>).then((v) => v))).then(resolve, reject);
      }
      return (...args: unknown[]) => {
        const result = Reflect.apply(value, target, args) as unknown;
        return result === target ? receiver : typeof result === 'object' && result !== null ? thenInstead(result, instead) : result;
      };
    },
  });
}
