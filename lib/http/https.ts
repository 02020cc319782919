/** Whether the browser reached us over HTTPS (directly, or through a proxy that says so: scripts/serve.mjs drops the header unless TRUSTED_PROXIES believes one). */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return forwarded === 'https' || new URL(request.url).protocol === 'https:';
}
