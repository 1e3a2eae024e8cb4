import { describe, expect, it } from 'vitest';
import {
  type CooldownAfterLossSettings,
  cooldownAfterLossEntry as rule,
} from '../../../../../src/core/rules/catalog/cooldown-after-loss';

const settings = (s: Partial<CooldownAfterLossSettings>): CooldownAfterLossSettings =>
  rule.settingsSchema.parse({ mode: 'enforce', ...s });
const PATH = 'defaultProfile.rules.cooldownAfterLoss';

/** A settings change under the commitment lock: what applies now, and whether anything waits. */
function change(old: Partial<CooldownAfterLossSettings>, next: Partial<CooldownAfterLossSettings>) {
  const a = settings(old);
  const b = settings(next);
  const merged = rule.merge(a, b, PATH);
  return { now: merged.value, waits: merged.changes.filter((c) => c.kind === 'loosen'), compare: rule.compare(a, b) };
}

describe('cooldownAfterLoss under the commitment lock', () => {
  const tiers = [
    { loss: 200, minutes: 15 },
    { loss: 400, minutes: 60 },
  ];

  describe('pause by loss', () => {
    it('applies at once a pause that starts at a smaller loss or lasts longer', () => {
      const r = change(
        { tiers },
        {
          tiers: [
            { loss: 100, minutes: 15 },
            { loss: 400, minutes: 90 },
          ],
        },
      );
      expect(r.now.tiers).toEqual([
        { loss: 100, minutes: 15 },
        { loss: 400, minutes: 90 },
      ]);
      expect(r.waits).toEqual([]);
      expect(r.compare).toBe('tighten');
    });

    it('keeps, until the reset, every pause the old tiers gave wherever the new ones give less, point by point in order of loss', () => {
      const r = change(
        { tiers },
        {
          tiers: [
            { loss: 400, minutes: 30 },
            { loss: 300, minutes: 15 },
          ],
        },
      );
      expect(r.now.tiers).toEqual([
        { loss: 200, minutes: 15 },
        { loss: 300, minutes: 15 },
        { loss: 400, minutes: 60 },
      ]);
      expect(r.waits).toEqual([
        {
          path: `${PATH}.tiers`,
          from: r.now.tiers,
          to: [
            { loss: 400, minutes: 30 },
            { loss: 300, minutes: 15 },
          ],
          kind: 'loosen',
        },
      ]);
      expect(r.compare).toBe('loosen');
    });

    it('waits to remove every tier, keeping the old ones meanwhile', () => {
      const r = change({ tiers }, { tiers: [] });
      expect(r.now.tiers).toEqual(tiers);
      expect(r.compare).toBe('loosen');
    });

    it('applies the same tiers written in another order at once: nothing waits', () => {
      expect(change({ tiers }, { tiers: [...tiers].reverse() }).compare).toBe('tighten');
      expect(change({ tiers }, { tiers: [...tiers].reverse() }).waits).toEqual([]);
    });
  });

  describe('losing streak', () => {
    const streak = (count: number | null, minutes = 30) => ({ streak: { count, minutes } });

    it('turns on, counts fewer losers or pauses longer at once', () => {
      for (const [from, to] of [
        [streak(null), streak(3)],
        [streak(3), streak(2)],
        [streak(3, 30), streak(3, 60)],
      ] as const) {
        const r = change(from, to);
        expect(r.now.streak).toEqual(to.streak);
        expect(r.compare).toBe('tighten');
      }
    });

    it('waits to turn off, to count more losers or to pause shorter, keeping the stricter meanwhile', () => {
      expect(change(streak(3, 30), streak(null, 30))).toMatchObject({ now: streak(3, 30), compare: 'loosen' });
      expect(change(streak(2, 30), streak(3, 30))).toMatchObject({ now: streak(2, 30), compare: 'loosen' });
      expect(change(streak(3, 60), streak(3, 30))).toMatchObject({ now: streak(3, 60), compare: 'loosen' });
      expect(change(streak(2, 60), streak(4, 15))).toMatchObject({ now: streak(2, 60), compare: 'loosen' });
    });

    it('lets the minutes of a streak that is off change at once: they pause nothing', () => {
      expect(change(streak(null, 60), streak(null, 15))).toMatchObject({ now: streak(null, 15), compare: 'tighten' });
      expect(change(streak(null, 60), streak(3, 15))).toMatchObject({ now: streak(3, 15), compare: 'tighten' });
    });
  });
});

describe('cooldownAfterLoss summary', () => {
  const summary = (s: Partial<CooldownAfterLossSettings>) => rule.summary?.(settings(s), { reset: '17:00 CT' });

  it('lists the pauses by loss from the smallest, then the streak', () => {
    expect(
      summary({
        tiers: [
          { loss: 400, minutes: 60 },
          { loss: 200, minutes: 1 },
        ],
        streak: { count: 3, minutes: 30 },
      }),
    ).toBe(
      'Pause 1 minute after a $200 loss and 60 minutes after a $400 loss on one order; 30 minutes after 3 losing orders in a row',
    );
  });

  it('says the streak alone, or that nothing pauses', () => {
    expect(summary({ tiers: [], streak: { count: 2, minutes: 1 } })).toBe('1 minute after 2 losing orders in a row');
    expect(summary({ tiers: [], streak: { count: null, minutes: 30 } })).toBe('No pause set');
  });
});
