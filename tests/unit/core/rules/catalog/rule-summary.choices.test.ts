import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../../../src/core/rules/catalog/rule-catalog';
import { ruleSummary } from '../../../../../src/core/rules/catalog/rule-summary';
import { defaultConfig } from '../../../../../src/core/rules/config/config-schema';

/** Each rule's sentence follows its choices: every one of them reads as what the rule will do. */

const chicago = { resetTime: '17:00', timeZone: 'America/Chicago' };
const rules = defaultConfig().defaultProfile.rules;

describe('rule summaries, choice by choice', () => {
  it('maxContracts: closing everything, counted in contracts or in minis, in words that agree with the number', () => {
    const says = (limit: number, counting: 'contracts' | 'mini') =>
      ruleSummary('maxContracts', { ...rules.maxContracts, limit, counting, action: 'flatten' }, chicago);
    expect(says(5, 'contracts')).toBe('Close everything when more than 5 contracts are open');
    expect(says(1, 'mini')).toBe('Close everything when more than 1 contract is open (in minis: a micro counts 0.1)');
  });

  it('tradeFrequency: says what is counted whichever windows are set, and when none is', () => {
    const says = (perMinute: number | null, perHour: number | null, perDay: number | null) =>
      ruleSummary('tradeFrequency', { ...rules.tradeFrequency, perMinute, perHour, perDay }, chicago);
    expect(says(1, null, null)).toBe('Flatten and pause after more than 1 order in a minute');
    expect(says(null, 1200, null)).toBe('Flatten and pause after more than 1,200 orders in an hour');
    expect(says(null, 20, 50)).toBe('Flatten and pause after more than 20 orders in an hour or 50 in a trading day');
    expect(says(null, null, 1)).toBe('Flatten and pause after more than 1 order in a trading day');
    expect(says(null, null, null)).toBe('No limit set');
  });

  it('weekly limits: flattening or leaving the open positions to the trader', () => {
    expect(ruleSummary('weeklyLoss', { ...rules.weeklyLoss, limit: 1500, flatten: false }, chicago)).toBe(
      'Cancel orders and lock (open positions left to you) until the week’s end when the week’s loss reaches $1,500',
    );
    expect(ruleSummary('weeklyTradeLimit', { ...rules.weeklyTradeLimit, limit: 100, flatten: true }, chicago)).toBe(
      'Cancel orders, flatten and lock until the week’s end at 100 trades this week, entries and exits counted',
    );
  });

  it('symbolBlocks with no symbol, and stopLossRequired by its grace', () => {
    expect(ruleSummary('symbolBlocks', { ...rules.symbolBlocks, roots: [] }, chicago)).toBe('No symbol blocked');
    expect(ruleSummary('stopLossRequired', { ...rules.stopLossRequired, graceSec: 30 }, chicago)).toBe(
      'Close a position left without a stop for 30 seconds',
    );
    expect(ruleSummary('stopLossRequired', { ...rules.stopLossRequired, graceSec: 1 }, chicago)).toBe(
      'Close a position left without a stop for 1 second',
    );
  });

  it('stopLossRequired is off until the trader turns it on', () => {
    expect(CATALOG.stopLossRequired.settingsSchema.parse(undefined)).toMatchObject({ mode: 'off', graceSec: 30 });
  });
});
