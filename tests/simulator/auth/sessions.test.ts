import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../../simulator/auth/jwt';
import { createSessions } from '../../../simulator/auth/sessions';

const users = [{ userName: 'demo', apiKey: 'key', accounts: [] }];

describe('JWT (HS256)', () => {
  it('verifies its own tokens and rejects a tampered payload or another secret', () => {
    const token = signJwt({ sub: 'demo', jti: '1', iat: 10, exp: 20 }, 's3');
    expect(verifyJwt(token, 's3')).toEqual({ sub: 'demo', jti: '1', iat: 10, exp: 20 });
    expect(verifyJwt(token, 'other')).toBeNull();
    const [h, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'demo', jti: '1', iat: 10, exp: 99 })).toString('base64url');
    expect(verifyJwt(`${h}.${forged}.${sig}`, 's3')).toBeNull();
    expect(verifyJwt('garbage', 's3')).toBeNull();
  });
});

describe('sessions', () => {
  it('logs in with the right key only and expires tokens after their lifetime', () => {
    let t = 1_000_000;
    const s = createSessions({ users, now: () => t, lifetimeSec: 60, secret: 'x' });
    expect(s.login('demo', 'wrong')).toBeNull();
    expect(s.login('nobody', 'key')).toBeNull();
    const token = s.login('demo', 'key') ?? '';
    expect(s.check(token)).toMatchObject({ ok: true, userName: 'demo' });
    t += 60_000;
    expect(s.check(token)).toMatchObject({ ok: false, reason: 'expired', userName: 'demo' });
    expect(s.check(undefined)).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('revokes one token or every token of a user, but not tokens issued afterwards', () => {
    const s = createSessions({ users, now: () => 5_000, lifetimeSec: 60, secret: 'x' });
    const a = s.issue('demo');
    const b = s.issue('demo');
    s.revoke(a);
    expect(s.check(a)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(s.check(b).ok).toBe(true);
    s.revokeUser('demo');
    expect(s.check(b).ok).toBe(false);
    const c = s.issue('demo'); // same second as the revocation
    expect(s.check(c).ok).toBe(true);
  });

  it('revokes a user’s API key: its tokens end, sign-in is refused until the key is restored', () => {
    const two = [...users, { userName: 'other', apiKey: 'key2', accounts: [] }];
    const s = createSessions({ users: two, now: () => 5_000, lifetimeSec: 60, secret: 'x' });
    const token = s.login('demo', 'key') ?? '';
    const others = s.login('other', 'key2') ?? '';
    s.revokeKey('demo');
    expect(s.check(token)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(s.login('demo', 'key')).toBeNull();
    expect(s.check(others).ok).toBe(true);
    expect(s.login('other', 'key2')).not.toBeNull();
    s.restoreKey('demo');
    expect(s.check(token).ok).toBe(false); // a restored key does not bring its old sessions back
    expect(s.check(s.login('demo', 'key') ?? '').ok).toBe(true);
    s.revokeKey();
    expect(s.login('other', 'key2')).toBeNull();
  });
});
