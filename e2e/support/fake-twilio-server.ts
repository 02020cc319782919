// The fake Twilio of the e2e suite, as its own process (playwright.config.ts starts it): the server
// with SMS_SENDER=twilio texts here, and e2e/sms-twilio.spec.ts reads what arrived or asks it to fail.
import { startFakeTwilio } from '@/tests/support/fake-twilio';

import { E2E_FAKE_TWILIO_PORT, E2E_TWILIO } from './config';

const fake = await startFakeTwilio({ accountSid: E2E_TWILIO.accountSid, authToken: E2E_TWILIO.authToken, port: E2E_FAKE_TWILIO_PORT });
console.log(`[e2e] fake Twilio on ${fake.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
