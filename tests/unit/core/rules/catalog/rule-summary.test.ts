import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../../../src/core/rules/catalog/rule-catalog';
import { ruleSummary } from '../../../../../src/core/rules/catalog/rule-summary';
import { usd, weekdayWords } from '../../../../../src/core/rules/catalog/summary-words';
import { defaultConfig } from '../../../../../src/core/rules/config/config-schema';

const chicago = { resetTime: '17:00', timeZone: 'America/Chicago' };
const rules = defaultConfig().defaultProfile.rules;

describe('rule summaries', () => {
  it('says what the daily loss limit does with its values, in one sentence', () => {
    expect(ruleSummary('dailyRealizedLoss', { ...rules.dailyRealizedLoss, limit: 500 }, chicago)).toBe(
      'Flatten and lock until 17:00 CT when today’s loss reaches $500',
    );
    expect(
      ruleSummary('dailyRealizedLoss', rules.dailyRealizedLoss, { resetTime: '18:00', timeZone: 'America/New_York' }),
    ).toBe('Flatten and lock until 18:00 ET when today’s loss reaches $500');
  });

  it('reads as words for every rule with its defaults: no code, no empty values', () => {
    for (const id of RULE_IDS) {
      const text = ruleSummary(id, rules[id], chicago);
      if (text === null) continue; // a rule without a summary of its own gets the page's plain one
      expect(text, id).toMatch(/^[A-Z]/);
      expect(text, id).not.toMatch(/null|undefined|NaN|\[|\{|object/);
    }
  });

  it('phrases the limits of each kind of rule', () => {
    expect(ruleSummary('maxContracts', { ...rules.maxContracts, limit: 5 }, chicago)).toBe(
      'Reduce to 5 contracts when more are open, newest first (in minis: a micro counts 0.1)',
    );
    expect(
      ruleSummary(
        'maxContractsPerInstrument',
        { ...rules.maxContractsPerInstrument, limits: { NQ: 2, MNQ: 10 }, unknown: { mode: 'block', limit: 1 } },
        chicago,
      ),
    ).toBe('Reduce NQ above 2 and MNQ above 10 contracts; other symbols blocked');
    expect(ruleSummary('tradeFrequency', { ...rules.tradeFrequency, perHour: null }, chicago)).toBe(
      'Flatten and pause after more than 3 orders in a minute or 50 in a trading day',
    );
    expect(ruleSummary('cooldownAfterLoss', { ...rules.cooldownAfterLoss }, chicago)).toBe(
      'Pause 15 minutes after a $200 loss and 60 minutes after a $400 loss on one order',
    );
    expect(ruleSummary('tradingHours', rules.tradingHours, chicago)).toBe(
      'Trade Mon–Fri 08:30–15:10 CT only; flatten and lock outside',
    );
    expect(ruleSummary('dailyNetLoss', { ...rules.dailyNetLoss, firmLimit: 1000, buffer: 100 }, chicago)).toBe(
      'Flatten and lock until 17:00 CT when today’s loss, open P&L included, reaches $900 ($1,000 less $100)',
    );
    expect(ruleSummary('unrealizedProfitTarget', rules.unrealizedProfitTarget, chicago)).toBe('No target set');
    expect(ruleSummary('symbolBlocks', { ...rules.symbolBlocks, roots: ['CL', 'NG'] }, chicago)).toBe(
      'Cancel and close anything in CL and NG, and block it',
    );
  });

  it('phrases the TopstepX-parity rules: trailing daily loss, weekly loss, weekly trades', () => {
    expect(ruleSummary('trailingDailyLoss', { ...rules.trailingDailyLoss, limit: 400 }, chicago)).toBe(
      'Flatten and lock until 17:00 CT when today’s P&L, open P&L included, falls $400 below its high of the day',
    );
    expect(ruleSummary('trailingDailyLoss', { ...rules.trailingDailyLoss, lock: false }, chicago)).toMatch(
      /^Flatten when/,
    );
    expect(ruleSummary('weeklyLoss', { ...rules.weeklyLoss, limit: 1500 }, chicago)).toBe(
      'Cancel orders, flatten and lock until the week’s end when the week’s loss reaches $1,500',
    );
    expect(ruleSummary('weeklyTradeLimit', { ...rules.weeklyTradeLimit, limit: 100 }, chicago)).toBe(
      'Cancel orders and lock (open positions left to you) until the week’s end at 100 trades this week, entries and exits counted',
    );
  });

  it('gives no sentence for settings that do not parse or a rule it does not know', () => {
    expect(ruleSummary('dailyRealizedLoss', { ...rules.dailyRealizedLoss, limit: -1 }, chicago)).toBeNull();
    expect(ruleSummary('noSuchRule', {}, chicago)).toBeNull();
  });
});

describe('summary words', () => {
  it('formats dollars and weekdays as a trader writes them', () => {
    expect(usd(500)).toBe('$500');
    expect(usd(1125)).toBe('$1,125');
    expect(usd(562.5)).toBe('$562.50');
    expect(weekdayWords([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(weekdayWords([0, 1, 2, 3, 4])).toBe('Sun–Thu');
    expect(weekdayWords([0, 2, 4])).toBe('Sun, Tue, Thu');
    expect(weekdayWords([5, 6])).toBe('Fri, Sat');
    expect(weekdayWords([])).toBe('no day');
  });
});

describe('a rule’s sentence from settings as edited', () => {
  const rules = defaultConfig().defaultProfile.rules;
  const limit500 = { ...rules.dailyRealizedLoss, limit: 500 };

  it('uses the reset time and zone as edited, and the defaults while they cannot be read', () => {
    const says = (tradingDay: unknown) => ruleSummary('dailyRealizedLoss', limit500, tradingDay);
    expect(says({ resetTime: '18:00', timeZone: 'America/New_York' })).toBe(
      'Flatten and lock until 18:00 ET when today’s loss reaches $500',
    );
    for (const unreadable of [
      undefined,
      null,
      {},
      { resetTime: 1700 },
      { resetTime: '7:00' },
      { resetTime: '17:00x' },
      { resetTime: 'x17:00' },
      { resetTime: ['18:00'] }, // reads as "18:00" when turned into text, yet is no time
    ]) {
      expect(says(unreadable)).toBe('Flatten and lock until 17:00 CT when today’s loss reaches $500');
    }
    expect(says({ resetTime: '16:00', timeZone: '' })).toBe(
      'Flatten and lock until 16:00 CT when today’s loss reaches $500',
    );
    expect(says({ resetTime: '16:00', timeZone: 3 })).toBe(
      'Flatten and lock until 16:00 CT when today’s loss reaches $500',
    );
  });

  it('is none for settings that do not parse, or a rule it does not know', () => {
    expect(ruleSummary('dailyRealizedLoss', { ...limit500, limit: -1 }, {})).toBeNull();
    expect(ruleSummary('noSuchRule', {}, {})).toBeNull();
  });
});
