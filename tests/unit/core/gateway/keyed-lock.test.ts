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

  it('starts a task on a free key at once, within the call (no turn of the event loop before the request leaves)', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const running = lock.run('k', async () => {
      log.push('task');
    });
    log.push('after run');
    await running;
    expect(log).toEqual(['task', 'after run']);
  });

  it('a task that throws at once rejects its own promise and leaves the key free', async () => {
    const lock = createKeyedLock();
    const broken = (() => {
      throw new Error('broken');
    }) as () => Promise<string>;
    await expect(lock.run('k', broken)).rejects.toThrow('broken');
    await expect(lock.run('k', async () => 'next')).resolves.toBe('next');
  });
});
