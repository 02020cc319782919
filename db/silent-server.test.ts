import { describe, expect, it } from 'vitest';

import { SilentServer } from './silent-server';

describe('a Postgres gone silent', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  it('lets every statement through while the server answers', () => {
    const server = new SilentServer(2_000);
    expect([server.admit(), server.admit(), server.admit()].map((ticket) => ticket.admission)).toEqual(['go', 'go', 'go']);
  });

  it('fails the next statements at once after one met its deadline unanswered, then lets one try at a time', () => {
    const time = clock();
    const server = new SilentServer(2_000, time.now);
    server.unanswered(server.admit());
    // The finding: a page's second read waited out a second deadline on the same frozen server.
    expect(server.admit().admission).toBe('refuse');
    time.advance(1_999);
    expect(server.admit().admission).toBe('refuse');
    time.advance(1);
    const probe = server.admit();
    expect(probe.admission).toBe('probe');
    expect(server.admit().admission).toBe('refuse');
    // Still silent: another hold, then another single probe.
    server.unanswered(probe);
    expect(server.admit().admission).toBe('refuse');
    time.advance(2_000);
    expect(server.admit().admission).toBe('probe');
  });

  it('trusts the server again at its first answer, even a late one to a statement that gave up', () => {
    const server = new SilentServer(60_000);
    server.unanswered(server.admit());
    expect(server.admit().admission).toBe('refuse');
    server.answered();
    expect(server.admit().admission).toBe('go');
  });

  it('a probe that ended without a verdict lets the next one try; an older statement ending changes nothing', () => {
    const time = clock();
    const server = new SilentServer(1_000, time.now);
    const first = server.admit();
    server.unanswered(first);
    time.advance(1_000);
    const probe = server.admit();
    server.settled(first);
    expect(server.admit().admission).toBe('refuse');
    server.settled(probe);
    expect(server.admit().admission).toBe('probe');
  });
});
