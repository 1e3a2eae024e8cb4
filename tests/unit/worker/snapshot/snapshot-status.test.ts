import { describe, expect, it } from 'vitest';
import { senderPolicyFor } from '../../../../src/messaging/sender-policy';
import { deriveAccountStatus } from '../../../../src/worker/snapshot/snapshot-status';
import { account } from '../../messaging/snapshot-fixtures';

const meter = account().meters[0]!;
const lock = { kind: 'lockout' as const, reason: 'r', ruleId: 'x', endsAt: 1 };

describe('account status for the snapshot', () => {
  it('is ok with no lockout and every meter below its first warning level', () => {
    expect(deriveAccountStatus([], [{ ...meter, value: 100 }])).toBe('ok');
  });
  it('warns from the first warning level, at the limit too', () => {
    expect(deriveAccountStatus([], [{ ...meter, value: 250 }])).toBe('warning');
    expect(deriveAccountStatus([], [{ ...meter, value: 600 }])).toBe('warning');
  });
  it('ignores rules that are off and unknown values', () => {
    expect(deriveAccountStatus([], [{ ...meter, value: 499, mode: 'off' }])).toBe('ok');
    expect(deriveAccountStatus([], [{ ...meter, value: null }])).toBe('ok');
  });
  it('is in cooldown during a cooldown, locked during a lockout (lockout wins)', () => {
    const cool = { ...lock, kind: 'cooldown' as const };
    expect(deriveAccountStatus([cool], [])).toBe('cooldown');
    expect(deriveAccountStatus([cool, lock], [{ ...meter, value: 499 }])).toBe('locked');
  });
  it('does not lock the account for a symbol-only lock', () => {
    expect(deriveAccountStatus([{ ...lock, symbol: 'CL' }], [])).toBe('ok');
  });
});

describe('sender policy from the runtime', () => {
  it('takes the id and the origin of the extension', () => {
    const rt = { id: 'abc', getURL: (p: string) => `chrome-extension://abc${p}` };
    expect(senderPolicyFor(rt)).toEqual({ extensionId: 'abc', extensionOrigin: 'chrome-extension://abc' });
  });
});
