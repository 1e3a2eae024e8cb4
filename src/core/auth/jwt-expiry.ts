/**
 * The `exp` claim of a JWT, read without verifying the signature: the server verifies
 * tokens, the client only needs to know when to refresh. Anything unreadable → undefined,
 * and the token manager falls back to the documented 24 h lifetime.
 */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    const exp = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
