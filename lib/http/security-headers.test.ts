import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy, pagePolicyFor, securityHeaders } from './security-headers';

const production = { https: false, dev: false };
const directive = (policy: string, name: string) => policy.split('; ').find((entry) => entry.startsWith(`${name} `));

describe('security headers', () => {
  it('sorts paths: public pages, private ones (admin, sign-in, account, cart and checkout, orders, outbox), the API', () => {
    for (const path of ['/', '/bengaluru', '/bengaluru/some-place', '/nope.png']) expect(pagePolicyFor(path), path).toBe('public');
    for (const path of ['/admin', '/admin/login', '/login', '/account', '/orders/abc', '/dev/outbox']) expect(pagePolicyFor(path), path).toBe('private');
    // A customer's addresses, cart and the order button (attack review: they had 'unsafe-inline').
    for (const path of ['/checkout', '/checkout/addresses', '/cart/merge']) expect(pagePolicyFor(path), path).toBe('private');
    expect(pagePolicyFor('/checkouts')).toBe('public');
    expect(pagePolicyFor('/api/cities')).toBe('api');
    expect(pagePolicyFor('/administrator')).toBe('public');
  });

  it('public pages: no nonce, scripts from this origin (and inline: see decision 014), no eval', () => {
    const policy = contentSecurityPolicy({ ...production, pathname: '/bengaluru' });
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(policy).not.toContain('nonce-');
    expect(policy).not.toContain('unsafe-eval');
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
  });

  it('private pages: a nonce with strict-dynamic, no inline scripts; the admin cannot be framed', () => {
    const policy = contentSecurityPolicy({ ...production, pathname: '/admin/restaurants', nonce: 'abc=' });
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'nonce-abc=' 'strict-dynamic'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(securityHeaders({ ...production, pathname: '/admin' })['X-Frame-Options']).toBe('DENY');
    expect(securityHeaders({ ...production, pathname: '/login' })['X-Frame-Options']).toBe('SAMEORIGIN');
  });

  it('HSTS and upgrade-insecure-requests only over HTTPS; eval only in development', () => {
    expect(securityHeaders({ ...production, pathname: '/' })).not.toHaveProperty('Strict-Transport-Security');
    const https = securityHeaders({ https: true, dev: false, pathname: '/' });
    expect(https['Strict-Transport-Security']).toMatch(/^max-age=\d{8}/);
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ https: false, dev: true, pathname: '/' })).toContain("'unsafe-eval'");
  });

  it('the API loads nothing and is never framed', () => {
    expect(contentSecurityPolicy({ ...production, pathname: '/api/cities' })).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
