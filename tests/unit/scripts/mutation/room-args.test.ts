import { describe, expect, it } from 'vitest';
import { strykerArgs } from '../../../../scripts/mutation/room-args';

const rooms = {
  rules: ['src/core/rules/*.ts'],
  enforce: ['src/core/enforce/*.ts', '!src/core/enforce/lockout*.ts'],
  lockouts: ['src/core/enforce/lockouts.ts'],
};

describe('npm run mutation arguments', () => {
  it('turns --room into the room’s globs for Stryker, exclusions included', () => {
    expect(strykerArgs(['--room', 'enforce'], rooms)).toEqual([
      '--mutate',
      'src/core/enforce/*.ts,!src/core/enforce/lockout*.ts',
    ]);
    expect(strykerArgs(['--room=rules'], rooms)).toEqual(['--mutate', 'src/core/rules/*.ts']);
  });

  it('takes several rooms at once, comma-separated', () => {
    expect(strykerArgs(['--room', 'rules,lockouts'], rooms)).toEqual([
      '--mutate',
      'src/core/rules/*.ts,src/core/enforce/lockouts.ts',
    ]);
  });

  it('passes Stryker’s own arguments through untouched, around a room', () => {
    expect(strykerArgs(['--force', '--room', 'lockouts', '--concurrency', '1'], rooms)).toEqual([
      '--force',
      '--mutate',
      'src/core/enforce/lockouts.ts',
      '--concurrency',
      '1',
    ]);
    expect(strykerArgs(['--mutate', 'src/core/rules/stops.ts:10-20'], rooms)).toEqual([
      '--mutate',
      'src/core/rules/stops.ts:10-20',
    ]);
  });

  it('refuses a room it does not know, or none, naming the rooms it has', () => {
    expect(() => strykerArgs(['--room', 'engine'], rooms)).toThrow(
      '--room takes one or more of rules, enforce, lockouts, comma-separated (got "engine")',
    );
    expect(() => strykerArgs(['--room'], rooms)).toThrow('(got "")');
    expect(() => strykerArgs(['--room', 'toString'], rooms)).toThrow('(got "toString")');
  });
});
