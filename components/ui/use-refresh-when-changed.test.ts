import { describe, expect, it } from 'vitest';

import { pollStep } from './use-refresh-when-changed';

/** A poll step whose answers the test gives, counting questions and refreshes. */
function harness(busy = () => false) {
  const answers: { resolve: (changed: boolean) => void; reject: (error: Error) => void }[] = [];
  let refreshes = 0;
  const step = pollStep({
    changed: () => new Promise<boolean>((resolve, reject) => answers.push({ resolve, reject })),
    refresh: () => {
      refreshes += 1;
    },
    busy,
  });
  return { step, answers, refreshes: () => refreshes };
}

describe('pollStep (the order page and /account: render again only on a change)', () => {
  it('refreshes when the answer says the page is out of date, and only then', async () => {
    const poll = harness();
    const unchanged = poll.step();
    poll.answers[0]!.resolve(false);
    await unchanged;
    expect(poll.refreshes()).toBe(0);
    const changed = poll.step();
    poll.answers[1]!.resolve(true);
    await changed;
    expect(poll.refreshes()).toBe(1);
  });

  it('asks one question at a time: a tick while one is out asks nothing', async () => {
    const poll = harness();
    const first = poll.step();
    await poll.step();
    await poll.step();
    expect(poll.answers).toHaveLength(1);
    poll.answers[0]!.resolve(false);
    await first;
    const next = poll.step();
    expect(poll.answers).toHaveLength(2);
    poll.answers[1]!.resolve(false);
    await next;
  });

  it('asks nothing while busy (a refresh on its way, a hidden tab), and asks again once not', async () => {
    let busy = true;
    const poll = harness(() => busy);
    await poll.step();
    expect(poll.answers).toHaveLength(0);
    busy = false;
    const asked = poll.step();
    expect(poll.answers).toHaveLength(1);
    poll.answers[0]!.resolve(true);
    await asked;
    expect(poll.refreshes()).toBe(1);
  });

  it('a failed question (offline) is a no, and the next tick asks again', async () => {
    const poll = harness();
    const failed = poll.step();
    poll.answers[0]!.reject(new TypeError('Failed to fetch'));
    await expect(failed).resolves.toBeUndefined();
    expect(poll.refreshes()).toBe(0);
    const again = poll.step();
    expect(poll.answers).toHaveLength(2);
    poll.answers[1]!.resolve(true);
    await again;
    expect(poll.refreshes()).toBe(1);
  });
});

describe('pollStep once its answer comes too late', () => {
  // Review: an answer still out when /account unmounted (the customer tapped an order) refreshed the
  // page they had moved on to, a whole server render of it, and one of a tab hidden meanwhile too.
  it('refreshes nothing when busy by the time the answer comes (unmounted, the tab hidden), and asks again later', async () => {
    let busy = false;
    const poll = harness(() => busy);
    const asked = poll.step();
    busy = true;
    poll.answers[0]!.resolve(true);
    await asked;
    expect(poll.refreshes()).toBe(0);
    busy = false;
    const again = poll.step();
    poll.answers[1]!.resolve(true);
    await again;
    expect(poll.refreshes()).toBe(1);
  });
});
