import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../../../../src/core/rules/config/config-schema';

/** What a new install starts with, and what a saved config may say. */

describe('config schema: defaults and the values a saved config may hold', () => {
  it('starts a new install failing closed while blind, with every alert on and the loud sound', () => {
    const c = defaultConfig();
    expect(c.failClosed).toBe(true);
    expect(c.notifications).toEqual({
      warnings: true,
      enforcements: true,
      lockouts: true,
      blind: true,
      monitorOnly: true,
      sound: 'loud',
    });
  });

  it('loads a saved config back as it was saved', () => {
    const saved = JSON.parse(JSON.stringify(defaultConfig())) as unknown;
    expect(parseConfig(saved)).toEqual({ ok: true, config: defaultConfig() });
  });

  it.each(['off', 'soft', 'loud'] as const)('accepts the alert sound "%s"', (sound) => {
    const r = parseConfig({ notifications: { sound } });
    expect(r.ok && r.config.notifications.sound).toBe(sound);
  });

  it('accepts "all" written out for the monitored accounts', () => {
    const r = parseConfig({ monitoredAccountIds: 'all' });
    expect(r.ok && r.config.monitoredAccountIds).toBe('all');
  });
});
