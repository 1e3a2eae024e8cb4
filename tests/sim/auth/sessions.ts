import type { SimUserSeed } from '../types';
import { type JwtClaims, signJwt, verifyJwt } from './jwt';

/**
 * Users, API keys and session tokens. A token is good while its signature checks, it has
 * not expired and it has not been revoked (logout, revokeTokens). Revocation is per token id,
 * so a token issued after a revocation is good even within the same second.
 */
export type TokenCheck =
  | { ok: true; userName: string; claims: JwtClaims }
  | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'revoked'; userName?: string };

export interface Sessions {
  login(userName: string, apiKey: string): string | null;
  /** A fresh token for the same user. */
  issue(userName: string): string;
  check(token: string | null | undefined): TokenCheck;
  revoke(token: string): void;
  revokeUser(userName?: string): void;
  users(): string[];
}

export function createSessions(options: {
  users: SimUserSeed[];
  now: () => number;
  lifetimeSec: number;
  secret: string;
}): Sessions {
  const keys = new Map(options.users.map((u) => [u.userName, u.apiKey]));
  const issued = new Map<string, Set<string>>();
  const revoked = new Set<string>();
  let counter = 0;

  const issue = (userName: string): string => {
    const iat = Math.floor(options.now() / 1000);
    counter += 1;
    const jti = `${iat.toString(36)}-${counter.toString(36)}`;
    const set = issued.get(userName) ?? new Set<string>();
    set.add(jti);
    issued.set(userName, set);
    return signJwt({ sub: userName, jti, iat, exp: iat + options.lifetimeSec }, options.secret);
  };

  return {
    login(userName, apiKey) {
      const key = keys.get(userName);
      if (key === undefined || key !== apiKey) return null;
      return issue(userName);
    },
    issue,
    check(token) {
      if (!token) return { ok: false, reason: 'missing' };
      const claims = verifyJwt(token, options.secret);
      if (!claims || !keys.has(claims.sub)) return { ok: false, reason: 'malformed' };
      if (revoked.has(claims.jti)) return { ok: false, reason: 'revoked', userName: claims.sub };
      if (claims.exp * 1000 <= options.now()) return { ok: false, reason: 'expired', userName: claims.sub };
      return { ok: true, userName: claims.sub, claims };
    },
    revoke(token) {
      const claims = verifyJwt(token, options.secret);
      if (claims) revoked.add(claims.jti);
    },
    revokeUser(userName) {
      for (const [user, set] of issued) {
        if (userName !== undefined && user !== userName) continue;
        for (const jti of set) revoked.add(jti);
      }
    },
    users: () => [...keys.keys()],
  };
}
