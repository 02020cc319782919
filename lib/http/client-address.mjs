// A client's address as this app counts clients: an IPv4 address, or an IPv6 address's /64 (the block
// one subscriber usually gets, so rotating addresses within it buys nothing). One copy for the rate
// limits (lib/ratelimit/client-identity.ts) and the per-client connection cap of scripts/serve.mjs
// (connection-guard.mjs). Plain JavaScript, so serve.mjs needs no build step.
import { isIP } from 'node:net';

/**
 * An address (from a header or a socket) as the client to count it as, or null when it is not an IP
 * address. IPv4-mapped IPv6 (`::ffff:a.b.c.d`, in any spelling) is the IPv4 address it carries.
 *
 * @param {string} raw
 * @returns {string | null}
 */
export function normalizeAddress(raw) {
  let address = raw.trim();
  // "[v6]:port" and "v4:port" appear in some proxies' headers.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const zone = address.indexOf('%');
  if (zone !== -1) address = address.slice(0, zone);

  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  const hextets = expandV6(address);
  // IPv4-mapped (::ffff:a.b.c.d), in any spelling (hex, uncompressed): the IPv4 address it carries.
  // Otherwise its /64 is 0:0:0:0, one subject (and one /48) for every IPv4 client spelled so.
  if (hextets.slice(0, 5).every((hextet) => hextet === '0') && hextets[5] === 'ffff') {
    const [high, low] = hextets.slice(6).map((hextet) => parseInt(hextet, 16));
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return `${hextets.slice(0, 4).join(':')}::/64`;
}

/**
 * The eight hextets of an IPv6 address, without leading zeros ("2001:db8::1" → 2001,db8,0,…,1).
 *
 * @param {string} address
 * @returns {string[]}
 */
function expandV6(address) {
  let text = address.toLowerCase();
  // An embedded IPv4 tail ("::1.2.3.4") is two hextets.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((hextet) => parseInt(hextet, 16).toString(16));
}
