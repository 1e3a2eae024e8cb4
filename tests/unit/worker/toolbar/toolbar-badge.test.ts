import { describe, expect, it } from 'vitest';
import type { LockoutView, Meter } from '../../../../src/messaging/snapshot';
import { timeLeft, toolbarView } from '../../../../src/worker/toolbar/toolbar-badge';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
// NOW is 09:00 Chicago; 17:00 CT is eight hours later.
const FIVE_PM = NOW + 8 * HOUR;

const lockout = (over: Partial<LockoutView> = {}): LockoutView => ({
  kind: 'lockout',
  reason: 'Daily loss limit reached',
  ruleId: 'dailyRealizedLoss',
  endsAt: FIVE_PM,
  ...over,
});
const meter = (value: number | null, over: Partial<Meter> = {}): Meter => ({
  ruleId: 'dailyRealizedLoss',
  name: 'Daily loss',
  value,
  limit: 500,
  unit: 'USD',
  warnAt: [0.5, 0.8, 0.95],
  mode: 'enforce',
  ...over,
});
const calm = account({ id: 1, name: 'ACC-1', meters: [meter(100)] });
const view = (snap = snapshot({ accounts: [calm] }), now = NOW, fault: string | null = null) =>
  toolbarView({ snapshot: snap, fault, now });

describe('the toolbar when all is fine', () => {
  it('shows no badge and the plain icon, and says so in words per account', () => {
    const v = view(snapshot({ accounts: [calm, account({ id: 2, name: 'ACC-2', meters: [] })] }));
    expect(v.state).toBe('ok');
    expect(v.text).toBe('');
    expect(v.icon).toEqual({ '16': 'icon/16.png', '32': 'icon/32.png' });
    expect(v.title).toBe('Risk Guard: all accounts within their limits\nACC-1: OK\nACC-2: OK');
    expect(v.refreshAt).toBeNull();
  });

  it('says when no account is monitored', () => {
    expect(view(snapshot({ accounts: [] })).title).toBe('Risk Guard: connected, no monitored accounts');
  });
});

describe('the toolbar near a limit', () => {
  it('turns amber with the highest share of a limit, and names the meters per account', () => {
    const near = account({ id: 1, name: 'ACC-1', meters: [meter(410), meter(3, { name: 'Orders today', limit: 5 })] });
    const v = view(snapshot({ accounts: [near, account({ id: 2, name: 'ACC-2', meters: [meter(260)] })] }));
    expect(v).toMatchObject({ state: 'warning', text: '82%', backgroundColor: '#f0b429' });
    expect(v.icon['16']).toBe('icon/state/warning-16.png');
    expect(v.title.split('\n')).toEqual([
      'Risk Guard: near a limit',
      'ACC-1: Near the limit: Daily loss 82%, Orders today 60%',
      'ACC-2: Near the limit: Daily loss 52%',
    ]);
  });

  it('never warns from a meter whose value is unknown or whose rule is off', () => {
    const v = view(snapshot({ accounts: [account({ meters: [meter(null), meter(499, { mode: 'off' })] })] }));
    expect(v.state).toBe('ok');
  });
});

describe('the toolbar during a lockout', () => {
  it('turns red with the hours left until 17:00 CT, and says until when in words', () => {
    const locked = account({ id: 1, name: 'ACC-1', status: 'locked', lockouts: [lockout()] });
    const v = view(snapshot({ accounts: [locked, calm] }));
    expect(v).toMatchObject({ state: 'locked', text: '8h', backgroundColor: '#c62828', textColor: '#ffffff' });
    expect(v.icon['32']).toBe('icon/state/locked-32.png');
    expect(v.title.split('\n')).toEqual([
      'Risk Guard: ACC-1 is locked',
      'ACC-1: Locked until 17:00 CT: Daily loss limit reached',
      'ACC-1: OK',
    ]);
  });

  it('counts down in hours, then in minutes rounded up, and asks to be redrawn when the text changes', () => {
    const snap = snapshot({ accounts: [account({ status: 'locked', lockouts: [lockout()] })] });
    const at = (left: number) => view(snap, FIVE_PM - left);
    expect(at(2 * HOUR + 59 * MIN).text).toBe('2h');
    expect(at(2 * HOUR + 59 * MIN).refreshAt).toBe(FIVE_PM - (2 * HOUR - MIN));
    expect(at(2 * HOUR - MIN).text).toBe('1h');
    expect(at(60 * MIN).text).toBe('1h');
    expect(at(59 * MIN + 30_000).text).toBe('1h');
    expect(at(59 * MIN).text).toBe('59m');
    expect(at(45 * MIN).text).toBe('45m');
    expect(at(45 * MIN).refreshAt).toBe(FIVE_PM - 44 * MIN);
    expect(at(10_000).text).toBe('1m');
    expect(at(10_000).refreshAt).toBe(FIVE_PM);
  });

  it('counts days for a lockout that ends days away', () => {
    expect(timeLeft(NOW + 50 * HOUR, NOW)).toEqual({ text: '2d', changesAt: NOW + 50 * HOUR - (48 * HOUR - MIN) });
  });

  it('shows the longest lockout of all locked accounts, and a cooldown counts as locked', () => {
    const cooled = account({
      id: 1,
      name: 'ACC-1',
      status: 'cooldown',
      lockouts: [lockout({ kind: 'cooldown', reason: 'Cooldown after a loss', endsAt: NOW + 15 * MIN })],
    });
    const locked = account({
      id: 2,
      name: 'ACC-2',
      status: 'locked',
      lockouts: [lockout({ endsAt: FIVE_PM + 30 * MIN })],
    });
    const v = view(snapshot({ accounts: [cooled, locked] }));
    expect(v.text).toBe('8h');
    expect(v.title.split('\n')).toEqual([
      'Risk Guard: ACC-1, ACC-2 are locked',
      'ACC-1: Cooldown until 09:15 CT: Cooldown after a loss',
      'ACC-2: Locked until 17:30 CT: Daily loss limit reached',
    ]);
    // The cooldown's end (09:15) changes the reading before the countdown does (7h at 09:31).
    expect(v.refreshAt).toBe(NOW + 15 * MIN);
  });

  it('shows ⊘ for a lockout that ends on a condition, which outlasts every timed one', () => {
    const locked = account({
      status: 'locked',
      lockouts: [
        lockout(),
        lockout({
          ruleId: 'tradingPermission',
          reason: 'Trading disabled',
          endsAt: null,
          condition: 'the platform allows trading again',
        }),
      ],
    });
    const v = view(snapshot({ accounts: [locked] }));
    expect(v.text).toBe('\u2298');
    expect(v.title).toContain('Locked until the platform allows trading again: Trading disabled');
  });

  it('no longer counts a lockout whose end has passed, before any new snapshot', () => {
    const snap = snapshot({ accounts: [account({ status: 'locked', lockouts: [lockout()], meters: [meter(100)] })] });
    expect(view(snap, FIVE_PM).state).toBe('ok');
  });

  it('does not shut the account for a symbol-only lock, but names the symbol', () => {
    const v = view(
      snapshot({
        accounts: [account({ name: 'ACC-1', meters: [], lockouts: [lockout({ symbol: 'MNQ', endsAt: null })] })],
      }),
    );
    expect(v.state).toBe('ok');
    expect(v.title).toContain('ACC-1: OK; blocked: MNQ');
  });
});

describe('the toolbar when the guard cannot see', () => {
  it('is grey ? when no API key is stored', () => {
    // The token manager says 're-enter the key' when none is stored: still "not connected", not an error.
    const v = view(
      snapshot({
        accounts: [],
        credentials: { configured: false, userName: null },
        health: healthy({ token: 'reenter-key', blindSince: NOW }),
      }),
    );
    expect(v).toMatchObject({ state: 'blind', text: '?', backgroundColor: '#5f6368' });
    expect(v.icon['16']).toBe('icon/state/blind-16.png');
    expect(v.title).toBe('Risk Guard: not connected: add your TopstepX API key in Options');
  });

  it('is grey ? while blind, even over a lockout, and says the lockout still stands', () => {
    const locked = account({ name: 'ACC-1', status: 'locked', lockouts: [lockout()] });
    const v = view(snapshot({ accounts: [locked], health: healthy({ blindSince: NOW - 5 * MIN, token: 'failed' }) }));
    expect(v.state).toBe('blind');
    expect(v.text).toBe('?');
    expect(v.title.split('\n')).toEqual([
      'Risk Guard: BLIND since 08:55 CT: the guard cannot see your accounts; order entry on the TopstepX page is blocked until it sees again',
      'ACC-1: Locked until 17:00 CT: Daily loss limit reached',
    ]);
  });

  it('says new trades are not checked when fail-closed is off', () => {
    const v = view(snapshot({ failClosed: false, health: healthy({ blindSince: NOW }) }));
    expect(v.title.split('\n')[0]).toMatch(/cannot see your accounts; new trades are not being checked$/);
  });

  it('is grey ? (starting) before the first snapshot', () => {
    expect(toolbarView({ snapshot: null, fault: null, now: NOW })).toMatchObject({ state: 'blind', text: '?' });
  });
});

describe('the toolbar on an error', () => {
  it('is red ! when the guard could not start, with the reason', () => {
    const v = toolbarView({ snapshot: null, fault: 'its database was written by a newer version', now: NOW });
    expect(v).toMatchObject({ state: 'error', text: '!', backgroundColor: '#c62828' });
    expect(v.icon['16']).toBe('icon/state/error-16.png');
    expect(v.title).toBe('Risk Guard cannot start: its database was written by a newer version');
  });

  it('is red ! when an enforcement failed, over a lockout and over blindness', () => {
    const failing = account({
      name: 'ACC-1',
      status: 'locked',
      lockouts: [lockout()],
      enforcement: { state: 'failed', message: 'flatten: market closed', since: NOW },
    });
    const v = view(snapshot({ accounts: [failing], health: healthy({ blindSince: NOW }) }));
    expect(v.state).toBe('error');
    expect(v.title.split('\n')).toEqual([
      'Risk Guard: enforcement failed on ACC-1',
      'Also BLIND since 09:00 CT: the guard cannot see your accounts; order entry on the TopstepX page is blocked until it sees again',
      'ACC-1: Enforcement FAILED: flatten: market closed; Locked until 17:00 CT: Daily loss limit reached',
    ]);
  });

  it('is red ! when the stored key must be re-entered', () => {
    const v = view(snapshot({ health: healthy({ token: 'reenter-key', blindSince: NOW }) }));
    expect(v.state).toBe('error');
    expect(v.title.split('\n')[0]).toBe('Risk Guard: the stored API key was refused: re-enter it in Options');
  });
});
