import 'server-only';

/**
 * The scripts the network drivers run (decision 001: single commands first; a script only where
 * none exists, with a native twin in the in-process store). DELIFEQ (types.ts): GET and DEL in one
 * step. A missing key reads as false in Lua, never equal to a string; GET on another type raises
 * WRONGTYPE, which Redis passes on as the script's error.
 */
export const DELIFEQ_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * DELIFHEQ (types.ts `delifheq`): HGET and DEL in one step, the DEL taking KEYS[2…] (the keys that go
 * with the hash) too. A missing key or field reads as false, never equal to a string; HGET on another
 * type raises WRONGTYPE. 1 when it deleted, whatever DEL counted.
 */
export const DELIFHEQ_SCRIPT =
  "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('DEL', unpack(KEYS)) return 1 end return 0";
