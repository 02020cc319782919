import { WRONGTYPE_MESSAGE } from '../types';

/** Redis's own error texts, so callers can't tell the in-process store from a server by its errors. */
export const wrongType = () => new Error(WRONGTYPE_MESSAGE);
export const notAnInteger = () => new Error('ERR value is not an integer or out of range');
export const hashValueNotAnInteger = () => new Error('ERR hash value is not an integer');
export const notAFloat = () => new Error('ERR value is not a valid float');
export const syntaxError = () => new Error('ERR syntax error');
export const wrongArity = (command: string) => new Error(`ERR wrong number of arguments for '${command}' command`);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** An integer argument, as Redis parses it: anything else is rejected before the command runs. */
export function integerArgument(value: number): number {
  if (!Number.isSafeInteger(value)) throw notAnInteger();
  return value;
}

export function floatArgument(value: number): number {
  if (Number.isNaN(value)) throw notAFloat();
  return value;
}

/** Redis's string2ll: no sign but '-', no leading zeros, no spaces, within int64. */
export function parseStoredInteger(value: string, invalid: () => Error): bigint {
  if (value.length > 20 || !/^(0|-?[1-9][0-9]*)$/.test(value)) throw invalid();
  const parsed = BigInt(value);
  if (parsed < INT64_MIN || parsed > INT64_MAX) throw invalid();
  return parsed;
}

export function addInt64(a: bigint, b: bigint): bigint {
  const sum = a + b;
  if (sum < INT64_MIN || sum > INT64_MAX) throw new Error('ERR increment or decrement would overflow');
  return sum;
}

/** Redis requires at least one key/member/field for its variadic commands. */
export function nonEmpty<T>(items: readonly T[], command: string): readonly T[] {
  if (items.length === 0) throw wrongArity(command);
  return items;
}
