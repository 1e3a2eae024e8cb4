import { describe, expect, it } from 'vitest';
import { PositionType } from '../../../../src/core/gateway/enums';
import { reduce } from '../../../../src/core/state/reducer';
import { openContracts, unrealizedPnl } from '../../../../src/core/state/selectors';
import { account, ctx, ES, es, ev, iso, MNQ, mnq, position, run, T0 } from './fixtures';

describe('reducer: positions', () => {
  it('opens a position and remembers when it was first seen open (its creation time)', () => {
    const { state, effects } = run([ev.account(account()), ev.position(position({ size: 2 }), T0 + 500)]);
    const a = state.accounts[7]!;
    expect(a.positions[MNQ]?.size).toBe(2);
    expect(a.positionOpenedAt[MNQ]).toBe(T0);
    expect(effects).toContainEqual({ kind: 'position-opened', accountId: 7, contractId: MNQ, size: 2 });
  });

  it('keeps the first-seen time when the position grows or shrinks', () => {
    const { state, effects } = run([
      ev.position(position({ size: 1 }), T0),
      ev.position(position({ size: 3, averagePrice: 21_002 }), T0 + 60_000),
      ev.position(position({ size: 2, averagePrice: 21_002 }), T0 + 120_000),
    ]);
    expect(state.accounts[7]!.positions[MNQ]?.size).toBe(2);
    expect(state.accounts[7]!.positionOpenedAt[MNQ]).toBe(T0);
    expect(effects).toContainEqual({
      kind: 'position-changed',
      accountId: 7,
      contractId: MNQ,
      size: 2,
      previousSize: 3,
    });
  });

  it('keeps the exposure in lots: what was added and when, the last added given back first', () => {
    const { state } = run([
      ev.position(position({ size: 2 }), T0),
      ev.position(position({ size: 4, averagePrice: 21_002 }), T0 + 60_000),
      ev.position(position({ size: 3, averagePrice: 21_002 }), T0 + 120_000),
    ]);
    expect(state.accounts[7]!.positionLots?.[MNQ]).toEqual([
      { size: 2, at: T0 },
      { size: 1, at: T0 + 60_000 },
    ]);
    const closed = run([ev.position(position({ size: 2 }), T0), ev.position(position({ size: 0 }), T0 + 1)]);
    expect(closed.state.accounts[7]!.positionLots?.[MNQ]).toBeUndefined();
  });

  it('starts the lots again at a reversal: the whole new side is new exposure', () => {
    const reversedAt = T0 + 90_000;
    const { state } = run([
      ev.position(position({ size: 2, type: PositionType.Long })),
      ev.position(position({ size: 1, type: PositionType.Short, averagePrice: 21_010 }), reversedAt),
    ]);
    expect(state.accounts[7]!.positionLots?.[MNQ]).toEqual([{ size: 1, at: reversedAt }]);
  });

  it('removes a position (and its first-seen time) on a size 0 update', () => {
    const { state, effects } = run([ev.position(position({ size: 2 })), ev.position(position({ size: 0 }), T0 + 1)]);
    expect(state.accounts[7]!.positions).toEqual({});
    expect(state.accounts[7]!.positionOpenedAt).toEqual({});
    expect(openContracts(state.accounts[7]!)).toBe(0);
    expect(effects).toContainEqual({ kind: 'position-closed', accountId: 7, contractId: MNQ, previousSize: 2 });
  });

  it('handles a reversal in one fill (long 2 → short 1) as new exposure from the reversal', () => {
    const reversedAt = T0 + 90_000;
    const { state, effects } = run([
      ev.position(position({ size: 2, type: PositionType.Long })),
      ev.position(position({ size: 1, type: PositionType.Short, averagePrice: 21_010 }), reversedAt),
    ]);
    const a = state.accounts[7]!;
    expect(a.positions[MNQ]).toMatchObject({ type: PositionType.Short, size: 1 });
    expect(a.positionOpenedAt[MNQ]).toBe(reversedAt);
    expect(openContracts(a)).toBe(1);
    expect(effects).toContainEqual({
      kind: 'position-reversed',
      accountId: 7,
      contractId: MNQ,
      size: 1,
      previousSize: 2,
    });
  });

  it('handles a reversal reported as close then a new position with a new id', () => {
    const later = T0 + 90_000;
    const { state } = run([
      ev.position(position({ size: 2 })),
      ev.position(position({ size: 0 }), later),
      ev.position(position({ id: 101, size: 1, type: PositionType.Short, creationTimestamp: iso(later) }), later),
    ]);
    expect(state.accounts[7]!.positions[MNQ]).toMatchObject({ id: 101, type: PositionType.Short, size: 1 });
    expect(state.accounts[7]!.positionOpenedAt[MNQ]).toBe(later);
  });

  it('ignores the same position update twice: unchanged state, same object', () => {
    const first = run([ev.position(position({ size: 2 }))]);
    const again = reduce(first.state, ev.position(position({ size: 2 }), T0 + 5), ctx);
    expect(again.changed).toBe(false);
    expect(again.state).toBe(first.state);
    expect(again.effects).toContainEqual({
      kind: 'ignored',
      reason: 'duplicate',
      entity: 'position',
      accountId: 7,
      id: 100,
    });
  });

  it('does not let a late update of a closed position reopen it', () => {
    const { state, effects } = run([
      ev.position(position({ size: 2 })),
      ev.position(position({ size: 0 }), T0 + 10),
      ev.position(position({ size: 2 }), T0 + 20), // out of order: sent before the close
    ]);
    expect(state.accounts[7]!.positions).toEqual({});
    expect(effects.at(-1)).toMatchObject({ kind: 'ignored', reason: 'stale', entity: 'position' });
  });

  it('opens a new position created in the very tick the last one closed (same timestamp, another id)', () => {
    const { state, effects } = run([
      ev.position(position({ id: 100, size: 1 })),
      ev.position(position({ id: 100, size: 0 }), T0 + 1),
      ev.position(position({ id: 101, size: 1 }), T0 + 2), // same creationTimestamp as 100
    ]);
    expect(state.accounts[7]!.positions[MNQ]).toMatchObject({ id: 101, size: 1 });
    expect(effects.filter((e) => e.kind === 'position-opened')).toHaveLength(2);
    // ... while late replays of the closed one, from that same tick, change nothing: neither
    // its close (which would hide 101) nor its open (which would replace 101).
    const replays = run(
      [ev.position(position({ id: 100, size: 0 }), T0 + 3), ev.position(position({ id: 100, size: 1 }), T0 + 4)],
      state,
    );
    expect(replays.state.accounts[7]!.positions[MNQ]).toMatchObject({ id: 101, size: 1 });
    expect(replays.effects.map((e) => e.kind === 'ignored' && e.reason)).toEqual(['duplicate', 'stale']);
  });

  it('still refuses the late reopen of a closed position when a new one opened and closed after it', () => {
    const later = T0 + 60_000;
    const { state } = run([
      ev.position(position({ id: 100, size: 1 })),
      ev.position(position({ id: 100, size: 0 }), T0 + 1),
      ev.position(position({ id: 101, size: 1, creationTimestamp: iso(later) }), later),
      ev.position(position({ id: 101, size: 0, creationTimestamp: iso(later) }), later + 1),
      ev.position(position({ id: 100, size: 1 }), later + 2),
    ]);
    expect(state.accounts[7]!.positions).toEqual({});
  });

  it('ignores an update of an older position once a newer one is open on the contract', () => {
    const later = T0 + 3_600_000;
    const { state } = run([
      ev.position(position({ id: 101, size: 1, creationTimestamp: iso(later) }), later),
      ev.position(position({ id: 100, size: 0 }), later + 1),
      ev.position(position({ id: 100, size: 4 }), later + 2),
    ]);
    expect(state.accounts[7]!.positions[MNQ]).toMatchObject({ id: 101, size: 1 });
  });

  it('asks for an unknown contract and reports unrealized P&L as unknown until it and a quote are there', () => {
    const opened = run([ev.position(position({ contractId: ES, size: 1, averagePrice: 6000 }))]);
    expect(opened.effects).toContainEqual({ kind: 'unknown-contract', accountId: 7, contractId: ES });
    expect(unrealizedPnl(opened.state.accounts[7]!, opened.state)).toBeNull();
    const known = run([ev.contract(es), ev.quote(ES, { lastPrice: 6001 })], opened.state);
    expect(unrealizedPnl(known.state.accounts[7]!, known.state)).toBe(50);
  });

  it('uses a quote that arrived before the position opened, and keeps the price after it closes', () => {
    const before = run([ev.contract(mnq), ev.quote(MNQ, { lastPrice: 21_010 }, T0 - 1000)]);
    const open = run([ev.position(position({ size: 2, averagePrice: 21_000 }))], before.state);
    expect(unrealizedPnl(open.state.accounts[7]!, open.state)).toBe(40);
    const closed = run(
      [ev.position(position({ size: 0 }), T0 + 1), ev.quote(MNQ, { lastPrice: 20_000 }, T0 + 2)],
      open.state,
    );
    expect(closed.state.accounts[7]!.positions).toEqual({});
    expect(unrealizedPnl(closed.state.accounts[7]!, closed.state)).toBe(0);
    expect(closed.state.prices[MNQ]?.price).toBe(20_000);
  });

  it('ignores a close of a position it never saw, and still refuses its late reopen', () => {
    const { state } = run([ev.position(position({ size: 0 })), ev.position(position({ size: 1 }), T0 + 1)]);
    expect(state.accounts[7]!.positions).toEqual({});
  });

  it("treats a newer position with a new id as new exposure when the old one's close was missed", () => {
    const later = T0 + 3_600_000;
    const { state, effects } = run([
      ev.position(position({ id: 100, size: 2 })),
      ev.position(position({ id: 101, size: 1, creationTimestamp: iso(later) }), later + 500),
    ]);
    expect(state.accounts[7]!.positions[MNQ]).toMatchObject({ id: 101, size: 1 });
    expect(state.accounts[7]!.positionOpenedAt[MNQ]).toBe(later);
    expect(effects.filter((e) => e.kind === 'position-opened')).toHaveLength(2);
  });
});
