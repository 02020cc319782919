// A second server instance for the rate-limit suites (see runInstance in ./ratelimit.ts): builds the
// production rate-limit state from its environment and prints what `count` requests got, as JSON.
//   node --conditions=react-server --import tsx tests/support/ratelimit-instance.ts <policy> <identifier> <count>
import { getEnv } from '@/lib/env';
import type { LimiterPolicyName } from '@/lib/ratelimit/policies';
import { createRateLimitState } from '@/lib/ratelimit/state';

const [policy, identifier, count] = process.argv.slice(2);
const state = createRateLimitState(getEnv());
const results = [];
for (let i = 0; i < Number(count); i++) {
  const { success, remaining, source } = await state.limiter.limit(policy as LimiterPolicyName, identifier!);
  results.push({ success, remaining, source });
}
await state.close();
console.log(JSON.stringify({ results }));
process.exit(0);
