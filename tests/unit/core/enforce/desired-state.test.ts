import { describe, expect, it } from 'vitest';
import {
  describeDesired,
  desiredFromAction,
  emptyDesired,
  isEmptyDesired,
  mergeDesired,
  pinToExposure,
} from '../../../../src/core/enforce/desired-state';
import type { EnforcementAction } from '../../../../src/core/rules/decision';

const d = (a: EnforcementAction, ruleId = 'r') => desiredFromAction(a, { ruleId, action: a.type, reason: 'x' });

describe('desired state', () => {
  it('merging is idempotent: the same decision twice is one target', () => {
    const one = d({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' });
    expect(mergeDesired(one, one)).toEqual(one);
  });

  it('merging is commutative for limits and flatten', () => {
    const a = d({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }, 'a');
    const b = d({ type: 'flatten' }, 'b');
    const ab = mergeDesired(a, b);
    const ba = mergeDesired(b, a);
    expect({ ...ab, causes: [] }).toEqual({ ...ba, causes: [] });
    expect(ab.flat).toBe(true);
  });

  it('keeps the smaller limit per counting mode and per contract', () => {
    const m = mergeDesired(
      mergeDesired(
        d({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }),
        d({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' }),
      ),
      mergeDesired(
        d({ type: 'reduce-position', contractId: 'X', maxSize: 4 }),
        d({ type: 'close-position', contractId: 'X' }),
      ),
    );
    expect(m.maxTotals).toEqual([{ maxContracts: 2, counting: 'contracts' }]);
    expect(m.positionMax).toEqual({ X: 0 });
  });

  it('keeps the tighter stop, whatever the order of arrival', () => {
    const loose = d({ type: 'protect-stop', contractId: 'X', stopPrice: 99, size: 1, side: 1 });
    const tight = d({ type: 'protect-stop', contractId: 'X', stopPrice: 101, size: 1, side: 1 });
    expect(mergeDesired(loose, tight).stops.X?.stopPrice).toBe(101);
    expect(mergeDesired(tight, loose).stops.X?.stopPrice).toBe(101);
  });

  it('a "none" action asks for nothing', () => {
    expect(isEmptyDesired(d({ type: 'none' }))).toBe(true);
    expect(describeDesired(emptyDesired())).toBe('nothing to enforce');
  });

  it('pins a flatten carried past the reset to the contracts and orders open at the reset', () => {
    const carried = mergeDesired(d({ type: 'flatten' }, 'daily'), d({ type: 'cancel-order', orderId: 5 }, 'x'));
    const pinned = pinToExposure(carried, { contractIds: ['MES', 'MNQ'], orderIds: [7] });
    expect(pinned.flat).toBe(false);
    expect(pinned.positionMax).toEqual({ MES: 0, MNQ: 0 });
    expect(pinned.cancelOrderIds).toEqual([5, 7]);
    expect(pinned.causes).toEqual(carried.causes);
    expect(describeDesired(pinned)).toBe(
      'no position in MES; no position in MNQ; order 5 cancelled; order 7 cancelled',
    );
  });

  it('drops total-size limits at the reset (the rules decide them again) and keeps per-contract targets', () => {
    const carried = mergeDesired(
      d({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' }),
      d({ type: 'reduce-position', contractId: 'ES', maxSize: 1 }),
    );
    const pinned = pinToExposure(carried, { contractIds: ['NQ'], orderIds: [3] });
    expect(pinned.maxTotals).toEqual([]);
    expect(pinned.positionMax).toEqual({ ES: 1 });
    expect(pinned.cancelOrderIds).toEqual([]);
  });

  it('pins a flatten to nothing when nothing was open at the reset', () => {
    expect(isEmptyDesired(pinToExposure(d({ type: 'flatten' }), { contractIds: [], orderIds: [] }))).toBe(true);
  });
});
