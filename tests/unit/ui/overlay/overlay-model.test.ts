import { describe, expect, it } from 'vitest';
import { chipViews, overlayBlock, warningToasts } from '../../../../src/ui/overlay/overlay-model';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';

const base = { workerOfflineFor: null, offlineAfterMs: 5000, activeAccountName: null, now: NOW };

describe('overlay model', () => {
  it('blocks on no snapshot at all once the worker has been silent too long (fail-closed by default)', () => {
    expect(overlayBlock({ ...base, snapshot: null, workerOfflineFor: 1000 })).toBeNull();
    expect(overlayBlock({ ...base, snapshot: null, workerOfflineFor: 5000 })?.kind).toBe('offline');
  });

  it('does not block a silent worker when the last snapshot said fail-closed is off', () => {
    expect(overlayBlock({ ...base, snapshot: snapshot({ failClosed: false }), workerOfflineFor: 60_000 })).toBeNull();
  });

  it('blocks for a symbol lock only while that symbol is the contract in view (or the contract is unknown)', () => {
    const snap = snapshot({
      accounts: [
        account({
          lockouts: [{ kind: 'lockout', reason: 'CL blocked', ruleId: 'symbolBlocks', endsAt: null, symbol: 'CL' }],
        }),
      ],
    });
    expect(overlayBlock({ ...base, snapshot: snap, activeTicker: 'ES' })).toBeNull();
    expect(overlayBlock({ ...base, snapshot: snap, activeTicker: 'CL' })?.title).toContain('CL blocked');
    expect(overlayBlock({ ...base, snapshot: snap, activeTicker: null })?.lines.join(' ')).toContain(
      'cannot read which contract',
    );
    expect(chipViews(snap, null, NOW)[0]?.text).toBe('TOPX-50K-1: OK \u00B7 blocked: CL');
  });

  it('mentions blindness on a lockout block', () => {
    const snap = snapshot({
      health: healthy({ blindSince: NOW - 1000 }),
      accounts: [
        account({ status: 'locked', lockouts: [{ kind: 'lockout', reason: 'r', ruleId: 'x', endsAt: NOW + 1000 }] }),
      ],
    });
    const b = overlayBlock({ ...base, snapshot: snap });
    expect(b?.kind).toBe('lockout');
    expect(b?.lines.join(' ')).toContain('Guard offline');
  });

  it('shows a condition lockout without a countdown', () => {
    const snap = snapshot({
      accounts: [
        account({
          status: 'locked',
          lockouts: [
            {
              kind: 'lockout',
              reason: 'canTrade is false',
              ruleId: 'perm',
              endsAt: null,
              condition: 'the platform allows trading',
            },
          ],
        }),
      ],
    });
    const b = overlayBlock({ ...base, snapshot: snap });
    expect(b?.countdown).toBeNull();
    expect(b?.lines).toContain('until the platform allows trading');
  });

  it('toasts nothing on the first snapshot, and only when a higher warning level is reached', () => {
    const m = account().meters[0]!;
    const at = (value: number | null) => snapshot({ accounts: [account({ meters: [{ ...m, value }] })] });
    expect(warningToasts(null, at(450))).toEqual([]);
    expect(warningToasts(at(100), at(260))).toHaveLength(1); // 52% ≥ 50%
    expect(warningToasts(at(260), at(300))).toEqual([]); // same level
    expect(warningToasts(at(300), at(480))).toHaveLength(1); // 96% ≥ 95%
    expect(warningToasts(at(480), at(500))).toEqual([]); // at the limit: the enforcer speaks
    expect(warningToasts(at(100), at(null))).toEqual([]);
  });
});
