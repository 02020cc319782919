/**
 * Everything that must be one per process lives here, on globalThis: the proxy, instrumentation and
 * every route are separate module graphs in one Node process, and hot reload re-evaluates modules,
 * so module-level state would split into copies (two in-process stores, two PGlite instances…).
 *
 * Each concern declares its own slot beside its code (`declare module '@/lib/server/singletons'`),
 * so this module imports nothing and any module, db/client.ts included, may import it without a cycle.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ProcessSingletons {}

const globalForThali = globalThis as unknown as { __thali?: ProcessSingletons };

export function singletons(): ProcessSingletons {
  globalForThali.__thali ??= {};
  return globalForThali.__thali;
}
