export async function register(): Promise<void> {
  // Read inline (not through lib/env) so the bundler drops the Node-only start-up from the Edge
  // instrumentation bundle; Next sets NEXT_RUNTIME itself, it is not configuration.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('@/lib/server/startup');
  await startServer();
}
