import type { SimUserSeed } from '../types';
import { type JwtClaims, signJwt, verifyJwt } from './jwt';

/**
 * Users, API keys and session tokens. A token is good while its signature checks, it has
 * not expired and it has not been revoked (logout, revokeTokens). Revocation is per token id,
 * so a token issued after a revocation is good even within the same second. A revoked API key
 * (revokeKey: the trader revoked it on the TopstepX site) refuses every sign-in and ends the
 * tokens it gave until restoreKey; a restored key does not bring the old tokens back.
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
  /** The user's API key (every user's without a name) refuses sign-in, and their tokens end. */
  revokeKey(userName?: string): void;
  restoreKey(userName?: string): void;
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
  const revokedKeys = new Set<string>();
  let counter = 0;
  const named = (userName?: string) => (userName === undefined ? [...keys.keys()] : [userName]);

  const issue = (userName: string): string => {
    const iat = Math.floor(options.now() / 1000);
    counter += 1;
    const jti = `${iat.toString(36)}-${counter.toString(36)}`;
    const set = issued.get(userName) ?? new Set<string>();
    set.add(jti);
    issued.set(userName, set);
    return signJwt({ sub: userName, jti, iat, exp: iat + options.lifetimeSec }, options.secret);
  };

  const api: Sessions = {
    login(userName, apiKey) {
      const key = keys.get(userName);
      if (key === undefined || key !== apiKey || revokedKeys.has(userName)) return null;
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
    revokeKey(userName) {
      for (const user of named(userName)) revokedKeys.add(user);
      api.revokeUser(userName);
    },
    restoreKey(userName) {
      for (const user of named(userName)) revokedKeys.delete(user);
    },
    users: () => [...keys.keys()],
  };
  return api;
}
