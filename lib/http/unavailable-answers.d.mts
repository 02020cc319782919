import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER: string;
export const RETRY_AFTER_SECONDS: number;
export function markBackendUnavailable(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined> | undefined): void;
export function answerUnavailableAs503(request: IncomingMessage, response: ServerResponse): void;
