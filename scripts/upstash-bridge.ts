import { startUpstashBridge } from '@/lib/redis/upstash-bridge';

/**
 * Runs the Upstash REST bridge over a local Redis, so the Vercel/Upstash code path (and
 * @upstash/ratelimit) can be tried without a cloud database: `npm run upstash-bridge`.
 */

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const token = process.env.UPSTASH_BRIDGE_TOKEN || 'local-dev-token';
const port = Number(process.env.UPSTASH_BRIDGE_PORT || 8079);

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`UPSTASH_BRIDGE_PORT must be a port number, got "${process.env.UPSTASH_BRIDGE_PORT}"`);
  process.exit(1);
}

async function main(): Promise<void> {
  const bridge = await startUpstashBridge({ redisUrl, token, port });
  const { host } = new URL(redisUrl);
  console.log(`Upstash REST bridge on ${bridge.url}, backed by redis://${host}`);
  console.log('Point the app at it with:');
  console.log(`  UPSTASH_REDIS_REST_URL=${bridge.url}`);
  console.log(`  UPSTASH_REDIS_REST_TOKEN=${bridge.token}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the bridge`);
    bridge.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('bridge did not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
