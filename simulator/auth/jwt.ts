import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JWTs with node:crypto (a JWT library would add a dependency for 30 lines). The
 * gateway's tokens are JWTs too; the guard must treat them as opaque secrets.
 */
export interface JwtClaims {
  sub: string;
  jti: string;
  iat: number; // seconds
  exp: number; // seconds
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export function signJwt(claims: JwtClaims, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** The claims when the signature is valid (expiry is the caller's business), else null. */
export function verifyJwt(token: string, secret: string): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [head, body, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return null;
    const c = claims as Record<string, unknown>;
    if (
      typeof c.sub !== 'string' ||
      typeof c.jti !== 'string' ||
      typeof c.exp !== 'number' ||
      typeof c.iat !== 'number'
    )
      return null;
    return { sub: c.sub, jti: c.jti, iat: c.iat, exp: c.exp };
  } catch {
    return null;
  }
}
