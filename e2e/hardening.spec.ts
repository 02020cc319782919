import http from 'node:http';
import net from 'node:net';

import sharp from 'sharp';

import { actionId, callAction } from './support/actions';
import { signInAsAdmin } from './support/admin';
import { E2E_RATELIMIT_PORT } from './support/config';
import { requestFrom, uniqueLoopbackAddress } from './support/loopback';
import { expect, test } from './support/test';

/**
 * The independent review's findings on issue #10's work, against a real server (the rate-limit
 * instance: production budgets). Each failed before its fix: see docs/security.md.
 */
const base = `http://127.0.0.1:${E2E_RATELIMIT_PORT}`;

/** A multipart body as a browser builds it, posted from an address of its own. */
function postForm(fields: [string, string][], headers: Record<string, string> = {}) {
  const boundary = `----thali${Math.random().toString(16).slice(2)}`;
  const body =
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
  return requestFrom(uniqueLoopbackAddress(), `${base}/login`, {
    method: 'POST',
    headers: { Origin: base, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(Buffer.byteLength(body)), ...headers },
    body,
  });
}

/** Parts 1..n under `prefix`, each naming the next one twice: 2^n values for a decoder that follows them all. */
function doubling(n: number, prefix = ''): [string, string][] {
  const fields: [string, string][] = [];
  for (let id = 1; id <= n; id += 1) fields.push([`${prefix}${id}`, JSON.stringify([`$${(id + 1).toString(16)}`, `$@${(id + 1).toString(16)}`])]);
  fields.push([`${prefix}${n + 1}`, '"leaf"']);
  return fields;
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

test.describe('review of issue #10', () => {
  test.describe.configure({ timeout: 60_000 });

  test('M1: action bodies built to make the decoder recurse or expand are a 400 at once, never a hang or a 5xx', async () => {
    const id = actionId('otpStep', 'app/login/page');
    const deep = await timed(callAction({ base, path: '/login', id, from: uniqueLoopbackAddress(), args: JSON.parse(`[${'['.repeat(4_000)}${']'.repeat(4_000)}]`) as unknown[] }));
    expect(deep.value.status).toBe(400);
    const doubled = await timed(postForm([...doubling(40), ['0', '["$1"]']], { 'Next-Action': id, Accept: 'text/x-component' }));
    expect(doubled.value.status).toBe(400);
    const references = await timed(postForm([['1', '[]'], ['0', JSON.stringify(Array.from({ length: 2_000 }, () => '$Q1'))]], { 'Next-Action': id }));
    expect(references.value.status).toBe(400);
    for (const answer of [deep, doubled, references]) expect(answer.ms).toBeLessThan(2_000);
  });

  test('M2: a form posted without JavaScript is checked like a fetch call, and the real one still works', async () => {
    // What the sign-in page's own form sends without JavaScript: its hidden $ACTION_ fields, as rendered.
    const page = await requestFrom(uniqueLoopbackAddress(), `${base}/login`);
    const hidden = [...page.body.matchAll(/<input type="hidden" name="(\$ACTION_[^"]*)"(?: value="([^"]*)")?/g)].map(
      ([, name, value]) => [name!, (value ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&')] as [string, string],
    );
    expect(hidden.some(([name]) => name.startsWith('$ACTION_REF_') || name.startsWith('$ACTION_ID_'))).toBe(true);
    const real = await postForm([...hidden, ['phone', '9876543210'], ['intent', 'send']]);
    expect(real.status).toBe(200);

    // The sign-in form's action comes from useActionState, so it is posted with bound arguments
    // ($ACTION_REF_ and its descriptor): the hostile case below must run, never be skipped.
    const reference = hidden.find(([name]) => name.startsWith('$ACTION_REF_'));
    expect(reference, JSON.stringify(hidden.map(([name]) => name))).toBeDefined();
    const prefix = `$ACTION_${reference![0].slice('$ACTION_REF_'.length)}:`;
    const descriptor = hidden.find(([name]) => name === `${prefix}0`);
    expect(descriptor).toBeDefined();
    const hostile = await timed(postForm([reference!, descriptor!, ...doubling(40, prefix)]));
    expect(hostile.value.status).toBe(400);
    expect(hostile.ms).toBeLessThan(2_000);
    const badId = await postForm([['$ACTION_ID_../../x', ''], ['phone', '1']]);
    expect(badId.status).toBe(400);
    const crossSite = await postForm([...hidden, ['phone', '9876543210']], { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  test('M5: an admin page with a photo loads without a CSP violation, the photo filling its frame', async ({ page }) => {
    const list = (await (await page.request.get('/api/cities/hyderabad/restaurants')).json()) as { slug: string }[];
    const slug = list[list.length - 1]!.slug;
    await signInAsAdmin(page, `/admin/restaurants/${slug}`);
    const cover = page.getByTestId('cover-photo');
    // isVisible() does not wait: on a page still arriving it says "no illustration", the upload is
    // skipped and no photo ever shows (the flake after a fresh database, which starts without one).
    await expect(cover.getByTestId('fallback-illustration').or(cover.getByTestId('current-photo'))).toBeVisible();
    if (await cover.getByTestId('fallback-illustration').isVisible()) {
      const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 30, g: 140, b: 90 } } }).jpeg().toBuffer();
      await cover.getByLabel('Upload a cover photo').setInputFiles({ name: 'front.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await cover.getByRole('button', { name: 'Upload photo' }).click();
      await expect(page.getByTestId('cover-photo-result')).toHaveAttribute('data-status', 'saved');
    }
    // A fresh load: the photo now comes in the server's HTML, where a blocked style attribute would show.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspSeen: string[] }).cspSeen = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.sample}`));
    });
    await page.reload();
    const photo = cover.getByTestId('current-photo');
    await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
    // Its inline style applied: absolutely positioned, filling its frame's inside (the frame has a border).
    const layout = await photo.evaluate((image: HTMLImageElement) => ({
      position: getComputedStyle(image).position,
      size: [image.offsetWidth, image.offsetHeight],
      frame: [image.parentElement!.clientWidth, image.parentElement!.clientHeight],
    }));
    expect(layout.position).toBe('absolute');
    expect(layout.size).toEqual(layout.frame);
    expect(await page.evaluate(() => (window as unknown as { cspSeen: string[] }).cspSeen)).toEqual([]);
  });

  test('attack pass: action arguments React decodes to something no string check survives are a 4xx, and an odd order id a small redirect', async () => {
    const [place] = (await (await fetch(`${base}/api/cities/bengaluru/restaurants`)).json()) as { slug: string }[];
    const menuPath = `/bengaluru/${place!.slug}`;
    const call = (name: string, page: string, path: string, args: unknown[]) =>
      callAction({ base, path, id: actionId(name, page), from: uniqueLoopbackAddress(), args });
    // `$T`, a temporary reference: a proxy that throws on any property read (a 500 before).
    for (const [name, page, path, args] of [
      ['addItem', 'app/[city]/[restaurant]/page', menuPath, ['$T', 1, false]],
      ['saveFavourite', 'app/[city]/[restaurant]/page', menuPath, [place!.slug, '$T', {}, '$T']],
      ['reorderAction', 'app/orders/[id]/page', '/orders/x', ['$T']],
      ['cancelOrderAction', 'app/orders/[id]/page', '/orders/x', ['$T']],
    ] as const) {
      const answer = await call(name, page, path, [...args]);
      expect(answer.status, `${name}(${JSON.stringify(args)})`).toBe(400);
    }
    // A lone surrogate threw in encodeURIComponent (a 500); 30 KB of id came back as a 150 KB redirect header.
    for (const name of ['reorderAction', 'cancelOrderAction']) {
      for (const id of ['\ud800', '%'.repeat(30_000)]) {
        const answer = await call(name, 'app/orders/[id]/page', '/orders/x', [id]);
        expect(answer.status, `${name}(${JSON.stringify(id).slice(0, 20)})`).toBeLessThan(500);
        expect(String(answer.headers['x-action-redirect'] ?? '').length).toBeLessThan(200);
      }
    }
  });

  test('review: a signed-out order page with a malformed id is not found, not a sign-in redirect that carries the id', async () => {
    const answer = await requestFrom(uniqueLoopbackAddress(), `${base}/orders/${'x'.repeat(4_000)}`);
    expect(answer.status).toBe(404);
    expect(String(answer.headers.location ?? '')).toBe('');
    // A well-formed id still asks a signed-out visitor to sign in, and comes back.
    const wellFormed = await requestFrom(uniqueLoopbackAddress(), `${base}/orders/${'A'.repeat(22)}`);
    expect(wellFormed.status).toBe(307);
    expect(String(wellFormed.headers.location)).toContain('/login?next=%2Forders%2FAAAA');
  });

  test('attack pass: a path with a malformed %-escape is a 400 from the front server, not a 500 that skipped the proxy', async () => {
    for (const path of ['/%', '/bengaluru/%ff', '/api/restaurants/%ff/menu', '/orders/%E0%A4', '/media/%ff', '/admin/restaurants/%ff']) {
      const answer = await requestFrom(uniqueLoopbackAddress(), `${base}${path}`);
      expect(answer.status, path).toBe(400);
    }
    // The query string is the routes' to read: a malformed escape there is their ordinary 4xx or 200.
    const search = await requestFrom(uniqueLoopbackAddress(), `${base}/api/cities/bengaluru/search?q=%ff`);
    expect(search.status).toBeLessThan(500);
  });

  test('attack pass: one address cannot hold the server’s connections; another address is still served', async () => {
    const port = Number(new URL(base).port);
    const from = uniqueLoopbackAddress();
    /** Opens an idle connection; resolves with whether the server closed it within a second. */
    const idle = () =>
      new Promise<{ socket: net.Socket; closed: boolean }>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port, localAddress: from });
        socket.on('error', () => {});
        socket.once('connect', () => {
          const timer = setTimeout(() => resolve({ socket, closed: false }), 1_000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve({ socket, closed: true });
          });
        });
      });
    const sockets = await Promise.all(Array.from({ length: 300 }, idle));
    try {
      expect(sockets.filter((entry) => entry.closed).length).toBeGreaterThanOrEqual(300 - 256);
      expect((await requestFrom(uniqueLoopbackAddress(), `${base}/api/health`)).status).toBe(200);
    } finally {
      sockets.forEach((entry) => entry.socket.destroy());
    }
  });

  /** The status a photo upload gets with only its headers sent (a body announced, never sent), or 'no answer' within 3 s. */
  function uploadHeadersAnswer(headers: Record<string, string>): Promise<number | 'no answer'> {
    return new Promise((resolve) => {
      const request = http.request({
        host: '127.0.0.1',
        port: Number(new URL(base).port),
        method: 'PUT',
        path: '/api/admin/restaurants/x/photo',
        localAddress: uniqueLoopbackAddress(),
        agent: false,
        headers: { 'content-type': 'image/jpeg', origin: base, ...headers },
      });
      const timer = setTimeout(() => {
        request.destroy();
        resolve('no answer');
      }, 3_000);
      request.on('response', (response) => {
        clearTimeout(timer);
        response.resume();
        resolve(response.statusCode!);
        request.destroy();
      });
      request.on('error', () => {});
      request.flushHeaders();
    });
  }

  test('attack pass: an anonymous photo upload is refused before its body is read, so it costs the server nothing', async () => {
    // Headers announcing 5 MB, and no body: the answer must not wait for it.
    expect(await uploadHeadersAnswer({ 'content-length': String(5 * 1024 * 1024) })).toBe(401);
  });

  test('attack pass: a photo upload with a made-up admin cookie is refused before its body is read too', async () => {
    // A cookie that only looked like an admin's got the body buffered (4 MB each, for the proxy) before
    // the route refused it: 300 concurrent uploads from a few addresses grew a server from 180 MB to 1.3 GB.
    const made = `1.${'A'.repeat(43)}`;
    expect(await uploadHeadersAnswer({ 'content-length': String(3 * 1024 * 1024), cookie: `__Host-thali_admin=${made}; thali_admin=${made}` })).toBe(401);
  });
});
