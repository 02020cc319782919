export function normalizeAddress(raw: string): string | null;
