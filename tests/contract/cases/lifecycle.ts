import { expect } from 'vitest';

import { contractCase } from './types';

export const lifecycleCases = [
  contractCase('PING answers PONG', ['ping'], async ({ store }) => {
    expect(await store.ping()).toBe('PONG');
  }),

  contractCase('close() resolves and the store refuses commands afterwards', ['close', 'set', 'get'], async ({ store, k }) => {
    await store.set(k('a'), 'v');
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.get(k('a'))).rejects.toThrow();
  }),

  contractCase('values are copied: mutating arguments or results never changes stored data', ['hset', 'hgetall', 'rpush', 'lrange', 'zrange'], async ({ store, k }) => {
    const fields: Record<string, string> = { a: '1' };
    await store.hset(k('h'), fields);
    fields.a = 'changed';
    const read = await store.hgetall(k('h'));
    read.a = 'mutated';
    expect(await store.hgetall(k('h'))).toEqual({ a: '1' });

    const values = ['x', 'y'];
    await store.rpush(k('l'), values);
    values.push('z');
    const range = await store.lrange(k('l'), 0, -1);
    range.pop();
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['x', 'y']);

    await store.zadd(k('z'), [{ member: 'm', score: 1 }]);
    const [first] = await store.zrange(k('z'), 0, -1);
    first!.score = 99;
    expect(await store.zrange(k('z'), 0, -1)).toEqual([{ member: 'm', score: 1 }]);
  }),

  contractCase(
    'variadic commands reject an empty argument list like Redis does',
    ['del', 'exists', 'mget', 'hset', 'hdel', 'lpush', 'rpush', 'sadd', 'srem', 'zadd', 'zrem'],
    async ({ store, k }) => {
      const arity = /wrong number of arguments/i;
      await expect(store.del([])).rejects.toThrow(arity);
      await expect(store.exists([])).rejects.toThrow(arity);
      await expect(store.mget([])).rejects.toThrow(arity);
      await expect(store.hset(k('h'), {})).rejects.toThrow(arity);
      await expect(store.hdel(k('h'), [])).rejects.toThrow(arity);
      await expect(store.lpush(k('l'), [])).rejects.toThrow(arity);
      await expect(store.rpush(k('l'), [])).rejects.toThrow(arity);
      await expect(store.sadd(k('s'), [])).rejects.toThrow(arity);
      await expect(store.srem(k('s'), [])).rejects.toThrow(arity);
      await expect(store.zadd(k('z'), [])).rejects.toThrow(arity);
      await expect(store.zrem(k('z'), [])).rejects.toThrow(arity);
      expect(await store.exists([k('h'), k('l'), k('s'), k('z')])).toBe(0);
    },
  ),
];
