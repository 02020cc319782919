import { expect } from 'vitest';

import { WRONGTYPE, contractCase } from './types';

export const wrongTypeCases = [
  contractCase('string commands on a list fail with WRONGTYPE', ['get', 'getdel', 'delifeq', 'incr', 'incrby', 'strlen', 'lrange'], async ({ store, k }) => {
    await store.rpush(k('list'), ['a']);
    await expect(store.get(k('list'))).rejects.toThrow(WRONGTYPE);
    await expect(store.getdel(k('list'))).rejects.toThrow(WRONGTYPE);
    await expect(store.delifeq(k('list'), 'a')).rejects.toThrow(WRONGTYPE);
    await expect(store.incr(k('list'))).rejects.toThrow(WRONGTYPE);
    await expect(store.incrby(k('list'), 2)).rejects.toThrow(WRONGTYPE);
    await expect(store.strlen(k('list'))).rejects.toThrow(WRONGTYPE);
    expect(await store.lrange(k('list'), 0, -1)).toEqual(['a']);
  }),

  contractCase('list commands on a string fail with WRONGTYPE', ['lpush', 'rpush', 'lrange', 'lrem', 'ltrim', 'llen', 'lmove', 'get'], async ({ store, k }) => {
    await store.set(k('str'), 'v');
    await expect(store.lpush(k('str'), ['a'])).rejects.toThrow(WRONGTYPE);
    await expect(store.rpush(k('str'), ['a'])).rejects.toThrow(WRONGTYPE);
    await expect(store.lrange(k('str'), 0, -1)).rejects.toThrow(WRONGTYPE);
    await expect(store.lrem(k('str'), 0, 'a')).rejects.toThrow(WRONGTYPE);
    await expect(store.ltrim(k('str'), 0, 1)).rejects.toThrow(WRONGTYPE);
    await expect(store.llen(k('str'))).rejects.toThrow(WRONGTYPE);
    await expect(store.lmove(k('str'), k('other'), 'LEFT', 'RIGHT')).rejects.toThrow(WRONGTYPE);
    expect(await store.get(k('str'))).toBe('v');
  }),

  contractCase('LMOVE into a non-list fails with WRONGTYPE and loses nothing', ['lmove', 'lrange', 'get'], async ({ store, k }) => {
    await store.rpush(k('src'), ['a', 'b']);
    await store.set(k('str'), 'v');
    await expect(store.lmove(k('src'), k('str'), 'LEFT', 'RIGHT')).rejects.toThrow(WRONGTYPE);
    expect(await store.lrange(k('src'), 0, -1)).toEqual(['a', 'b']);
    expect(await store.get(k('str'))).toBe('v');
  }),

  contractCase('hash commands on a set fail with WRONGTYPE', ['hset', 'hsetnx', 'hget', 'hgetall', 'hdel', 'hincrby', 'hlen', 'delifheq', 'scard'], async ({ store, k }) => {
    await store.sadd(k('set'), ['m']);
    await expect(store.delifheq(k('set'), 'f', 'v')).rejects.toThrow(WRONGTYPE);
    await expect(store.hset(k('set'), { f: 'v' })).rejects.toThrow(WRONGTYPE);
    await expect(store.hsetnx(k('set'), 'f', 'v')).rejects.toThrow(WRONGTYPE);
    await expect(store.hget(k('set'), 'f')).rejects.toThrow(WRONGTYPE);
    await expect(store.hgetall(k('set'))).rejects.toThrow(WRONGTYPE);
    await expect(store.hdel(k('set'), ['f'])).rejects.toThrow(WRONGTYPE);
    await expect(store.hincrby(k('set'), 'f', 1)).rejects.toThrow(WRONGTYPE);
    await expect(store.hlen(k('set'))).rejects.toThrow(WRONGTYPE);
    expect(await store.scard(k('set'))).toBe(1);
  }),

  contractCase('INCR on a hash fails with WRONGTYPE', ['incr', 'hget'], async ({ store, k }) => {
    await store.hset(k('hash'), { n: '1' });
    await expect(store.incr(k('hash'))).rejects.toThrow(WRONGTYPE);
    expect(await store.hget(k('hash'), 'n')).toBe('1');
  }),

  contractCase('set commands on a zset fail with WRONGTYPE', ['sadd', 'srem', 'smembers', 'sismember', 'scard', 'zcard'], async ({ store, k }) => {
    await store.zadd(k('zset'), [{ member: 'm', score: 1 }]);
    await expect(store.sadd(k('zset'), ['m'])).rejects.toThrow(WRONGTYPE);
    await expect(store.srem(k('zset'), ['m'])).rejects.toThrow(WRONGTYPE);
    await expect(store.smembers(k('zset'))).rejects.toThrow(WRONGTYPE);
    await expect(store.sismember(k('zset'), 'm')).rejects.toThrow(WRONGTYPE);
    await expect(store.scard(k('zset'))).rejects.toThrow(WRONGTYPE);
    expect(await store.zcard(k('zset'))).toBe(1);
  }),

  contractCase('zset commands on a hash fail with WRONGTYPE', ['zadd', 'zincrby', 'zscore', 'zrange', 'zrem', 'zcard', 'hlen'], async ({ store, k }) => {
    await store.hset(k('hash'), { f: 'v' });
    await expect(store.zadd(k('hash'), [{ member: 'm', score: 1 }])).rejects.toThrow(WRONGTYPE);
    await expect(store.zincrby(k('hash'), 1, 'm')).rejects.toThrow(WRONGTYPE);
    await expect(store.zscore(k('hash'), 'm')).rejects.toThrow(WRONGTYPE);
    await expect(store.zrange(k('hash'), 0, -1)).rejects.toThrow(WRONGTYPE);
    await expect(store.zrem(k('hash'), ['m'])).rejects.toThrow(WRONGTYPE);
    await expect(store.zcard(k('hash'))).rejects.toThrow(WRONGTYPE);
    expect(await store.hlen(k('hash'))).toBe(1);
  }),
];
