import { describe, expect, it } from 'vitest';

import { isSameOrigin } from './same-origin';

const request = (headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/admin/x', { method: 'PUT', headers });

describe('isSameOrigin', () => {
  it('trusts Sec-Fetch-Site when the browser sends it', () => {
    expect(isSameOrigin(request({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }))).toBe(true);
    for (const site of ['same-site', 'cross-site', 'none']) expect(isSameOrigin(request({ 'sec-fetch-site': site, host: '127.0.0.1:3000' }))).toBe(false);
  });

  it('otherwise compares Origin with the host asked for, and refuses a request with neither', () => {
    expect(isSameOrigin(request({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }))).toBe(true);
    expect(isSameOrigin(request({ origin: 'https://thali.example', host: 'internal:3000', 'x-forwarded-host': 'thali.example' }))).toBe(true);
    expect(isSameOrigin(request({ origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3000' }))).toBe(false);
    expect(isSameOrigin(request({ origin: 'null', host: '127.0.0.1:3000' }))).toBe(false);
    expect(isSameOrigin(request({ host: '127.0.0.1:3000' }))).toBe(false);
  });
});
