/**
 * One-line, greppable server logs. Never pass secrets or personal data in `fields`.
 */
type Fields = Record<string, string | number | boolean | undefined>;

function format(message: string, fields?: Fields): string {
  const pairs = Object.entries(fields ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return ['[thali]', message, ...pairs].join(' ');
}

export const log = {
  info: (message: string, fields?: Fields) => console.info(format(message, fields)),
  warn: (message: string, fields?: Fields) => console.warn(format(message, fields)),
  error: (message: string, fields?: Fields) => console.error(format(message, fields)),
};
