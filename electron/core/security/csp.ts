/**
 * The Content-Security-Policy both hosts send as a header. renderer/index.html carries the same
 * policy in a <meta> tag (a test keeps them equal). React sets styles through the CSSOM, which
 * style-src does not restrict, so no 'unsafe-inline' is needed anywhere.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers that go with every response from either host. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The bench camera (evidence photos) may be used by our own page only; nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};
