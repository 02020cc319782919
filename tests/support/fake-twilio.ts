import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Twilio's Messages API, for the tests of lib/sms/twilio.ts (Vitest) and
 * the e2e server with SMS_SENDER=twilio (e2e/support/fake-twilio-server.ts runs it as a process).
 * It holds requests to Twilio's documented shape and answers as Twilio does:
 *
 * - `POST /2010-04-01/Accounts/{sid}/Messages.json`, HTTP basic auth `sid:token` (else 401, error
 *   20003), `application/x-www-form-urlencoded` with To (E.164), Body, and exactly one of From and
 *   MessagingServiceSid (else 400, errors 21604/21602/21211); a sent message is a 201 with its sid.
 * - Failures on demand: the next N requests answer a status (with Retry-After if asked), drop the
 *   connection before answering, or accept the message and answer only after `lateMs` (what a
 *   client that times out can't tell from a message never taken).
 * - For a test in another process: `GET /__fake/messages` lists what was accepted, `POST /__fake/fail`
 *   queues failures (`{ "status": 503, "times": 1, "retryAfter": 0 }`, `{ "drop": true }`, `{ "lateMs": 5000 }`),
 *   `POST /__fake/reset` clears both.
 */

export interface FakeMessage {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
}

export type FakeFailure = { status: number; retryAfter?: number } | { drop: true } | { lateMs: number };

export interface FakeTwilio {
  url: string;
  port: number;
  /** Accepted messages, oldest first. */
  messages: FakeMessage[];
  /** Every request to the Messages endpoint, with what it was answered. */
  requests: { status: number | 'dropped' | 'late' }[];
  failNext(failure: FakeFailure, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  port?: number;
  host?: string;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function answer(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const twilioError = (status: number, code: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const messages: FakeMessage[] = [];
  const requests: FakeTwilio['requests'] = [];
  const failures: FakeFailure[] = [];
  const path = `/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  let next = 0;

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake-twilio');
    const body = await readBody(request);

    if (url.pathname === '/__fake/messages' && request.method === 'GET') return answer(response, 200, messages);
    if (url.pathname === '/__fake/reset' && request.method === 'POST') {
      messages.length = 0;
      requests.length = 0;
      failures.length = 0;
      return answer(response, 200, {});
    }
    if (url.pathname === '/__fake/fail' && request.method === 'POST') {
      const { times = 1, ...failure } = JSON.parse(body || '{}') as FakeFailure & { times?: number };
      for (let i = 0; i < times; i++) failures.push(failure);
      return answer(response, 200, {});
    }

    if (url.pathname !== path || request.method !== 'POST') return answer(response, 404, twilioError(404, 20404, 'The requested resource was not found'));
    const failure = failures.shift();
    if (failure && 'drop' in failure) {
      requests.push({ status: 'dropped' });
      request.socket.destroy();
      return;
    }
    const late = failure && 'lateMs' in failure ? failure.lateMs : 0;
    if (failure && 'status' in failure) {
      requests.push({ status: failure.status });
      const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'Retry-After': String(failure.retryAfter) } : {};
      return answer(response, failure.status, twilioError(failure.status, failure.status === 429 ? 20429 : 20500, 'Simulated failure'), headers);
    }
    const refuse = (status: number, code: number, message: string) => {
      requests.push({ status });
      answer(response, status, twilioError(status, code, message));
    };
    if (request.headers.authorization !== expectedAuth) return refuse(401, 20003, 'Authenticate');
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return refuse(400, 20001, 'Form-encoded body expected');
    const form = new URLSearchParams(body);
    const to = form.get('To');
    const from = form.get('From') ?? undefined;
    const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
    const text = form.get('Body');
    if (!to) return refuse(400, 21604, "A 'To' phone number is required.");
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return refuse(400, 21211, "The 'To' number is not a valid phone number.");
    if ((from === undefined) === (messagingServiceSid === undefined)) return refuse(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
    if (!text) return refuse(400, 21602, 'Message body is required.');

    next += 1;
    const sid = `SM${String(next).padStart(32, '0')}`;
    messages.push({ sid, to, from, messagingServiceSid, body: text });
    requests.push({ status: late ? 'late' : 201 });
    if (late) await new Promise((resolve) => setTimeout(resolve, late));
    if (response.destroyed) return;
    answer(response, 201, { sid, account_sid: options.accountSid, to, from: from ?? null, messaging_service_sid: messagingServiceSid ?? null, body: text, status: 'queued' });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    messages,
    requests,
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    reset: () => {
      messages.length = 0;
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
