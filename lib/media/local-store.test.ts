import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { localMediaStore } from './local-store';

describe('localMediaStore', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'thali-store-')), 'nested', 'media');
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true })));

  it('creates its folder, stores under the name, answers the URL and reads the bytes back', async () => {
    const dir = folder();
    const store = localMediaStore(dir);
    const name = `${'ab'.repeat(16)}.webp`;
    expect(await store.put(name, Buffer.from('first'))).toBe(`/media/${name}`);
    expect((await store.read(name))?.toString()).toBe('first');
    // The same name again (the same content, in practice) is fine, and leaves no temporary files.
    await store.put(name, Buffer.from('first'));
    expect(fs.readdirSync(dir)).toEqual([name]);
    expect(await store.read(`${'cd'.repeat(16)}.webp`)).toBeNull();
  });

  it('never lets a concurrent reader see part of a photo', async () => {
    const store = localMediaStore(folder());
    const name = `${'ef'.repeat(16)}.webp`;
    const big = Buffer.alloc(4 * 1024 * 1024, 7);
    const reads: (number | null)[] = [];
    await Promise.all([
      store.put(name, big),
      ...Array.from({ length: 20 }, async () => reads.push((await store.read(name))?.length ?? null)),
    ]);
    expect(reads.every((length) => length === null || length === big.length)).toBe(true);
  });
});
