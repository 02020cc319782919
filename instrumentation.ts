export async function register(): Promise<void> {
  // Read inline (not through lib/env) so the bundler drops the Node-only start-up from the Edge
  // instrumentation bundle; Next sets NEXT_RUNTIME itself, it is not configuration.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('@/lib/server/startup');
  await startServer();
}

/**
 * Next calls this with a render's error before it writes the response's status. Synchronous, through
 * what start-up registered (lib/server/unavailable.ts registerRenderFailed): an import here would
 * resolve only after the status went out, and would pull Node-only code into the Edge bundle.
 */
export function onRequestError(error: unknown, request: { headers: Record<string, string | string[] | undefined> }): void {
  const renderFailed = (globalThis as Record<symbol, unknown>)[Symbol.for('thali.render-failed')];
  if (typeof renderFailed === 'function') renderFailed(error, request.headers);
}
