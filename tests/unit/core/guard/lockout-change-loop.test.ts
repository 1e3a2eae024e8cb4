import { describe, expect, it } from 'vitest';
import { createLockoutChangeLoop } from '../../../../src/core/guard/lockout-change-loop';

describe('the lockout loop', () => {
  it('re-arms the lockout deadline, then tells the views, on every change of the book', () => {
    let listener: () => void = () => undefined;
    const calls: string[] = [];
    createLockoutChangeLoop({
      lockouts: {
        onChange: (l) => {
          listener = l;
          return () => undefined;
        },
      },
      deadlines: { armLockouts: () => calls.push('lockout deadline') },
      changed: () => calls.push('views'),
    });
    listener();
    listener();
    expect(calls).toEqual(['lockout deadline', 'views', 'lockout deadline', 'views']);
  });
});
