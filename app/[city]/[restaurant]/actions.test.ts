import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ redirectedTo: null as string | null }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    state.redirectedTo = to;
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
// No session cookie: signed out.
vi.mock('@/lib/auth/cookie-session', () => ({ lookUpSessionCookie: async () => ({ status: 'signed-out' }) }));
const changeFavourite = vi.hoisted(() => vi.fn());
vi.mock('@/lib/favourites/change', () => ({ changeFavourite }));

const { saveFavourite } = await import('./actions');

const form = (favourite: string) => {
  const data = new FormData();
  data.set('favourite', favourite);
  return data;
};

describe('saveFavourite (the heart) when the visitor is signed out', () => {
  beforeEach(() => {
    state.redirectedTo = null;
    changeFavourite.mockReset();
  });

  // Product review: a heart tapped after the session ended went to /login without the save intent, so
  // the restaurant was not saved after signing in (as the signed-out page's "Sign in to save" now is).
  it('a tap to save goes to sign in with the save intent, and saves nothing before', async () => {
    await expect(saveFavourite('tehzeeb', '/delhi/tehzeeb', {}, form('true'))).rejects.toThrow('NEXT_REDIRECT');
    expect(state.redirectedTo).toBe('/login?next=%2Fdelhi%2Ftehzeeb&save=1');
    expect(changeFavourite).not.toHaveBeenCalled();
  });

  it('a tap to unsave goes to sign in without it; a path that is no menu returns home', async () => {
    await expect(saveFavourite('tehzeeb', '/delhi/tehzeeb', {}, form('false'))).rejects.toThrow('NEXT_REDIRECT');
    expect(state.redirectedTo).toBe('/login?next=%2Fdelhi%2Ftehzeeb');
    await expect(saveFavourite('tehzeeb', 'https://evil.example/x', {}, form('true'))).rejects.toThrow('NEXT_REDIRECT');
    expect(state.redirectedTo).toBe('/login?next=%2F');
  });
});
