/**
 * Indian mobile numbers: 10 digits starting 6-9, typed with or without +91 (or 91, or a leading 0),
 * spaces and dashes allowed. Stored and keyed as `91` + the 10 digits.
 */
const MOBILE = /^(?:\+?91|0)?([6-9]\d{9})$/;

/** The normalised number (`919876543210`), or null when it is not an Indian mobile number. */
export function normalizePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s-]/g, '');
  const match = MOBILE.exec(compact);
  return match ? `91${match[1]}` : null;
}

/** `+91 98765 43210`, for pages. */
export function formatPhone(phone: string): string {
  const local = phone.slice(2);
  return `+91 ${local.slice(0, 5)} ${local.slice(5)}`;
}

/** `+91 ••••• •3210`, where a number is shown to someone who may not own it (the outbox). */
export function maskPhone(phone: string): string {
  return `+91 ••••• •${phone.slice(-4)}`;
}
