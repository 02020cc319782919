import 'server-only';

import { addressBlock } from './client-identity';
import type { LimiterPolicyName } from './policies';
import { rateLimitState } from './state';

/** A budget kept per client address whose wider twin, kept per address block, is `<name>:block` (policies.ts). */
export type AddressBudget = { [Name in LimiterPolicyName]: `${Name}:block` extends LimiterPolicyName ? Name : never }[LimiterPolicyName];

/**
 * Spends one from the client address's budget, then from its address block's (IPv4 /24, IPv6 /48):
 * true when both allow it. The block's is not asked once the address's refuses, nor when the identity
 * has no wider block (an unknown client). `scope` narrows both subjects, e.g. to one restaurant.
 */
export async function withinAddressBudget(budget: AddressBudget, identity: string, scope?: string): Promise<boolean> {
  const { limiter } = rateLimitState();
  const block = addressBlock(identity);
  const blockBudget: LimiterPolicyName = `${budget}:block`;
  const subjects: [LimiterPolicyName, string][] = [[budget, identity]];
  if (block !== identity) subjects.push([blockBudget, block]);
  for (const [policy, subject] of subjects) {
    const result = await limiter.limit(policy, scope === undefined ? subject : `${subject}:${scope}`);
    void result.pending.catch(() => {});
    if (!result.success) return false;
  }
  return true;
}
