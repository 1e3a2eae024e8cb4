import { describe, expect, it } from 'vitest';
import { symbolBlocksRule as rule } from '../../../../../src/core/rules/evaluation/symbol-blocks';
import { accountState, ES, enforcements, MES, MNQ, NQ, order, position, runRule } from '../fixtures';

const lockES = {
  kind: 'lockout',
  end: { type: 'condition', condition: 'setting-changed' },
  scope: { type: 'symbol', root: 'ES' },
};

describe('symbolBlocks', () => {
  it('closes a position and cancels an order in a blocked root, by ticker (EP is ES), with a symbol lockout', () => {
    const o = order(ES);
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)], orders: [o] }),
      settings: { roots: ['ES'] },
    });
    expect(enforcements(r.decisions)).toMatchObject([
      { action: { type: 'none' }, lockout: lockES },
      { action: { type: 'close-position', contractId: ES }, lockout: lockES },
      { action: { type: 'cancel-order', orderId: o.id }, lockout: lockES },
    ]);
  });

  it('does not confuse a micro with its mini (MES is not ES)', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(MES, 1, 5000)] }),
      settings: { roots: ['EP'] },
    });
    expect(enforcements(r.decisions).map((d) => d.action.type)).toEqual(['none']);
  });

  it('emits the standing lockout once per trading day and each close once per position', () => {
    const account = accountState({ positions: [position(ES, 1, 5000)] });
    const first = runRule(rule, { account, settings: { roots: ['ES'] } });
    const again = runRule(rule, { account, settings: { roots: ['ES'] }, memory: first.memory });
    expect(again.decisions).toHaveLength(0);
  });

  it('says which root is blocked and what it closes or cancels there', () => {
    const o = order(ES);
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)], orders: [o] }),
      settings: { roots: ['ES'] },
    });
    expect(enforcements(r.decisions).map((d) => [d.reason, d.figures])).toEqual([
      ['ES is blocked', { root: 'ES' }],
      ['Position in blocked symbol ES', { root: 'ES', contractId: ES }],
      ['Working order in blocked symbol ES', { root: 'ES', orderId: o.id }],
    ]);
  });

  it('locks each blocked root, and acts once on each position and each order in them', () => {
    const orders = [order(ES), order(NQ), order(MNQ)];
    const account = accountState({ positions: [position(ES, 1, 5000), position(NQ, -1, 20_000)], orders });
    const settings = { roots: ['ES', 'NQ'] };
    const first = runRule(rule, { account, settings });
    expect(enforcements(first.decisions).map((d) => d.action)).toEqual([
      { type: 'none' },
      { type: 'none' },
      { type: 'close-position', contractId: ES },
      { type: 'close-position', contractId: NQ },
      { type: 'cancel-order', orderId: orders[0]?.id },
      { type: 'cancel-order', orderId: orders[1]?.id },
    ]);
    expect(enforcements(first.decisions).map((d) => d.lockout?.scope)).toEqual([
      { type: 'symbol', root: 'ES' },
      { type: 'symbol', root: 'NQ' },
      { type: 'symbol', root: 'ES' },
      { type: 'symbol', root: 'NQ' },
      { type: 'symbol', root: 'ES' },
      { type: 'symbol', root: 'NQ' },
    ]);
    expect(runRule(rule, { account, settings, memory: first.memory }).decisions).toEqual([]);
  });

  it('leaves an order in a root that is not blocked alone', () => {
    const r = runRule(rule, { account: accountState({ orders: [order(MNQ)] }), settings: { roots: ['ES'] } });
    expect(enforcements(r.decisions).map((d) => d.action.type)).toEqual(['none']);
  });

  it('does nothing when nothing is blocked', () => {
    const r = runRule(rule, { account: accountState({ positions: [position(ES, 1, 5000)] }) });
    expect(r.decisions).toHaveLength(0);
  });
});
