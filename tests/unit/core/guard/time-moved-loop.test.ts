import { describe, expect, it } from 'vitest';
import { createTimeMovedLoop } from '../../../../src/core/guard/time-moved-loop';

function world(running: boolean) {
  let moved: () => void = () => undefined;
  const ticks: Array<boolean | undefined> = [];
  createTimeMovedLoop({
    time: {
      onMoved: (l) => {
        moved = l;
        return () => undefined;
      },
    },
    catchUp: {
      tick: async (verify) => {
        ticks.push(verify);
      },
    },
    running: () => running,
  });
  return { moved: () => moved(), ticks };
}

describe('the server-time loop', () => {
  it('catches up at once when the server’s time moved, without asking the server again', () => {
    const w = world(true);
    w.moved();
    expect(w.ticks).toEqual([false]);
  });

  it('does nothing before the guard started', () => {
    const w = world(false);
    w.moved();
    expect(w.ticks).toEqual([]);
  });
});
