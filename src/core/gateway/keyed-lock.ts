/**
 * Run async tasks one at a time per key, in call order. The order manager serializes the
 * actions on one position (and on one order): two concurrent reductions must not both read
 * "3 open" and both send "close 2" — the second would close more than is open.
 *
 * A task on a free key starts within the call, not a microtask later: the enforcer's fast
 * path (enforce/fast-path.ts) sends its close from inside the decision, and a deferred start
 * let the rest of that event's work (journal, lockout and state writes, views) run first.
 */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  const startNow = <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return task();
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    run(key, task) {
      const previous = tails.get(key);
      const next = previous === undefined ? startNow(task) : previous.then(task, task);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
  };
}
