import type { AddOutcome } from '@/components/customer/add-to-cart';
import { hasVisitorHint } from '@/lib/page-cache/visitor-hint';

/**
 * What a guest id request came to. A refusal by the proxy (this connection's request budget) says when
 * to try again; the route's own (this network has started its share of guest carts this hour) does
 * not, and signing in is the way on.
 */
type GuestAnswer = { status: 'issued' } | { status: 'refused'; outcome: AddOutcome } | { status: 'failed' };

function guestAnswer(response: Response): GuestAnswer {
  if (response.ok) return { status: 'issued' };
  if (response.status !== 429) return { status: 'failed' };
  const wait = Number(response.headers.get('retry-after'));
  return { status: 'refused', outcome: wait > 0 ? { status: 'slow-down', seconds: wait } : { status: 'rate-limited' } };
}

/** The one guest id request of this page at a time: ADDs tapped together share it (one id, one cart). */
let guestRequest: Promise<GuestAnswer> | null = null;
/** How many guest id requests have succeeded: an ADD told `needs-guest` after one did just adds again. */
let guestsIssued = 0;

/**
 * POST /api/cart/guest, one tab at a time (a Web Lock where the browser has them): the tabs share the
 * browser's cookies, so a second tab's request carries the id the first one's set and keeps it,
 * rather than starting a second cart.
 */
async function requestGuestId(): Promise<Response> {
  // Bounded, so a request stuck on a bad network never holds the other tabs' ADDs for good.
  const request = () => fetch('/api/cart/guest', { method: 'POST', credentials: 'same-origin', signal: AbortSignal.timeout(10_000) });
  return 'locks' in navigator ? await navigator.locks.request('thali:guest-id', request) : await request();
}

/**
 * This browser's guest cart id, from POST /api/cart/guest (app/api/cart/guest/route.ts), never from the
 * ADD's action: an action that sets a cookie is answered with a page rendered for this visitor.
 */
function askForGuest(): Promise<GuestAnswer> {
  guestRequest ??= requestGuestId()
    .then((response) => {
      const answer = guestAnswer(response);
      if (answer.status === 'issued') guestsIssued += 1;
      return answer;
    })
    .catch((): GuestAnswer => ({ status: 'failed' }))
    .finally(() => {
      guestRequest = null;
    });
  return guestRequest;
}

/**
 * An action's answer, or `failed` when the call threw: Next's action client throws on an answer that is
 * not its own (the proxy's refusal page, lib/ratelimit/responses.ts, once the page budget is spent) and
 * on none at all (offline). Thrown inside the button's transition, it would swap the whole menu for the
 * error page.
 */
export async function settle<T>(call: () => Promise<T>, failed: T): Promise<T> {
  try {
    return await call();
  } catch {
    return failed;
  }
}

/**
 * Runs an ADD's action as this browser: without the visitor hint it has no guest id (nor a session),
 * so it gets one first, saving a round trip; told `needs-guest` (the hint outlived the id, a guest id
 * lasts 12 hours, or the session ended), it gets one and adds again. Actions run one at a time, so
 * ADDs tapped together hear `needs-guest` one after another: those answered after an id arrived use it
 * rather than ask again. A call that threw is an `error` (settle). The menu's ADD and city search's.
 */
export async function addAsThisBrowser(add: () => Promise<AddOutcome>): Promise<AddOutcome> {
  if (!hasVisitorHint(document.cookie)) {
    const answer = await askForGuest();
    if (answer.status === 'refused') return answer.outcome;
  }
  const issuedBefore = guestsIssued;
  const addOnce = () => settle(add, { status: 'error' } as AddOutcome);
  let outcome = await addOnce();
  if (outcome.status === 'needs-guest') {
    const answer: GuestAnswer = guestsIssued === issuedBefore ? await askForGuest() : { status: 'issued' };
    if (answer.status === 'refused') return answer.outcome;
    if (answer.status === 'issued') outcome = await addOnce();
  }
  return outcome;
}
