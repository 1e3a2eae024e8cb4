import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../../src/core/auth/redact-secrets';
import { GatewayError } from '../../../../src/core/resilience/errors';
import { expectNoSecrets } from '../resilience/helpers';

const KEY = 'pX-key-abcdef0123456789';
const TOKEN = 'eyJhbGciOi.eyJzdWIiOi.sig-redact';

describe('secret redaction', () => {
  it('passes a clean GatewayError through untouched, cause and all', () => {
    const cause = new Error('socket hang up');
    const error = new GatewayError('transient', 'HTTP 503', { endpoint: '/api/Auth/validate', cause });
    expect(redactSecrets(error, [KEY, TOKEN])).toBe(error);
  });

  it('replaces secrets in the message and drops a cause that holds one, keeping kind and details', () => {
    const error = new GatewayError('auth', `token ${TOKEN} refused`, {
      endpoint: '/api/Auth/validate',
      httpStatus: 401,
      errorCode: 3,
      cause: new Error(`key=${KEY}`),
    });
    const clean = redactSecrets(error, [KEY, TOKEN]);
    expect(clean.message).toBe('token [redacted] refused');
    expect(clean).toMatchObject({ kind: 'auth', endpoint: '/api/Auth/validate', httpStatus: 401, errorCode: 3 });
    expect(clean.cause).toBeUndefined();
    expectNoSecrets([clean], [KEY, TOKEN]);
  });

  it('turns a foreign error into a transient GatewayError with its words but not its secrets', () => {
    const clean = redactSecrets(new TypeError(`fetch failed for ${KEY}`), [KEY, undefined, '']);
    expect(clean).toBeInstanceOf(GatewayError);
    expect(clean.kind).toBe('transient');
    expect(clean.message).toBe('sign-in request failed (TypeError: fetch failed for [redacted])');
    expectNoSecrets([clean], [KEY]);
  });

  it('says "unknown error" for thrown non-errors instead of stringifying them', () => {
    const clean = redactSecrets({ apiKey: KEY }, [KEY]);
    expect(clean.message).toBe('sign-in request failed (unknown error)');
  });
});
