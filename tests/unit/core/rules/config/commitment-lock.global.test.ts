import { describe, expect, it } from 'vitest';
import { PAGE_DEFAULTS } from '../../../../../src/core/page/page-defaults';
import { DAY } from '../fixtures';
import { change, config } from './lock-fixtures';

/** The settings outside the rule blocks under the commitment lock: the trading day, P&L counting, alerts, groups, the page. */

describe('commitment lock: the guard-wide settings', () => {
  it.each(['16:00', '18:00'])(
    'holds a reset moved to %s until the current day ends (it could end the day early)',
    (at) => {
      const proposed = config({ tradingDay: { resetTime: at } });
      const r = change(config({}), proposed);
      expect(r.active.tradingDay).toEqual({ resetTime: '17:00', timeZone: 'America/Chicago' });
      expect(r.pending).toMatchObject({ config: proposed, effectiveAt: DAY.nextReset });
      expect(r.pending?.changes).toEqual([
        {
          path: 'tradingDay',
          from: { resetTime: '17:00', timeZone: 'America/Chicago' },
          to: { resetTime: at, timeZone: 'America/Chicago' },
          kind: 'loosen',
        },
      ]);
    },
  );

  it.each([
    { what: 'stop counting fees', setting: 'countFees' },
    { what: 'stop failing closed while blind', setting: 'failClosed' },
  ] as const)('holds "$what" until the reset, and switches it back on at once', ({ setting }) => {
    const off = change(config({}), config({ [setting]: false }));
    expect(off.active[setting]).toBe(true);
    expect(off.pending?.changes).toEqual([{ path: setting, from: true, to: false, kind: 'loosen' }]);
    const on = change(config({ [setting]: false }), config({}));
    expect(on.active[setting]).toBe(true);
    expect(on.pending).toBeNull();
  });

  it('applies a change to the alerts at once, whichever way it goes', () => {
    const quiet = config({ notifications: { warnings: false, sound: 'off' } });
    const r = change(config({}), quiet);
    expect(r.active.notifications).toEqual(quiet.notifications);
    expect(r.pending).toBeNull();
    expect(r.changes).toMatchObject([{ path: 'notifications', kind: 'tighten' }]);
    expect(change(quiet, config({})).active.notifications).toEqual(config({}).notifications);
  });

  it('links a new account group at once, and keeps a removed group linked until the reset', () => {
    const group = { name: 'copy', accountIds: [1, 2] };
    const added = change(config({}), config({ accountGroups: [group] }));
    expect(added.active.accountGroups).toEqual([group]);
    expect(added.pending).toBeNull();
    const removed = change(config({ accountGroups: [group] }), config({}));
    expect(removed.active.accountGroups).toEqual([group]);
    expect(removed.pending?.changes).toEqual([{ path: 'accountGroups', from: [group], to: [], kind: 'loosen' }]);
  });
});

describe('commitment lock: the TopstepX page', () => {
  const cover = PAGE_DEFAULTS.cover;
  const keep = PAGE_DEFAULTS.keepUsable;
  const block = PAGE_DEFAULTS.blockRequests;
  const allow = PAGE_DEFAULTS.allowRequests;
  const extraSelector = '[data-testid="bracket-card"]';
  const extraPattern = 'POST ^https://userapi\\.topstepx\\.com/Bracket$';

  it.each([
    { what: 'covering one more area', field: 'cover', to: [...cover, extraSelector], kind: 'tighten' },
    { what: 'covering one area less', field: 'cover', to: cover.slice(1), kind: 'loosen' },
    { what: 'one more control never covered', field: 'keepUsable', to: [...keep, extraSelector], kind: 'loosen' },
    { what: 'one control less never covered', field: 'keepUsable', to: keep.slice(1), kind: 'tighten' },
    { what: 'another place for the account in view', field: 'accountPicker', to: [extraSelector], kind: 'loosen' },
    { what: 'another place for the contract in view', field: 'contractPicker', to: [extraSelector], kind: 'loosen' },
    { what: 'blocking one more request', field: 'blockRequests', to: [...block, extraPattern], kind: 'tighten' },
    { what: 'blocking one request less', field: 'blockRequests', to: block.slice(1), kind: 'loosen' },
    { what: 'letting one more request through', field: 'allowRequests', to: [...allow, extraPattern], kind: 'loosen' },
    { what: 'letting one request less through', field: 'allowRequests', to: allow.slice(1), kind: 'tighten' },
  ] as const)('$what is a $kind', ({ field, to, kind }) => {
    const before = config({});
    const proposed = config({ page: { [field]: to } });
    const r = change(before, proposed);
    expect(r.active.page[field]).toEqual(kind === 'tighten' ? to : before.page[field]);
    expect(r.pending === null).toBe(kind === 'tighten');
    expect(r.changes).toEqual([{ path: `page.${field}`, from: before.page[field], to, kind }]);
  });
});
