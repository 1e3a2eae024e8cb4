import { describe, expect, it } from 'vitest';
import { createKeyedLock } from '../../../../src/core/gateway/keyed-lock';

describe('keyed lock', () => {
  it('runs tasks on one key one at a time, in call order, even when one fails', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name}:start`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name}:end`);
        if (fail) throw new Error(name);
        return name;
      };
    const a = lock.run('k', task('a', true));
    const b = lock.run('k', task('b'));
    await expect(a).rejects.toThrow('a');
    await expect(b).resolves.toBe('b');
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
  });

  it('lets tasks on different keys overlap', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name}:end`);
    };
    await Promise.all([lock.run('x', task('x')), lock.run('y', task('y'))]);
    expect(log.slice(0, 2)).toEqual(['x:start', 'y:start']);
  });
});
