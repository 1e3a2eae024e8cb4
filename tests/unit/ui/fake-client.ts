import type { GuardClient } from '../../../src/messaging/client';
import type { RequestType, ResponseOf } from '../../../src/messaging/protocol';
import type { GuardSnapshot } from '../../../src/messaging/snapshot';
import type { ViewClock } from '../../../src/ui/clock';

type Answers = { [T in RequestType]?: (payload: Record<string, unknown>) => ResponseOf<T> | Promise<ResponseOf<T>> };

/** A GuardClient whose answers the test chooses; records every request. */
export function fakeClient(answers: Answers = {}) {
  const requests: { type: RequestType; payload: Record<string, unknown> }[] = [];
  const listeners: ((s: GuardSnapshot) => void)[] = [];
  const client: GuardClient = {
    async request(type, payload) {
      requests.push({ type, payload: payload as Record<string, unknown> });
      const answer = answers[type];
      if (!answer) throw new Error(`no answer for ${type}`);
      return (await answer(payload as Record<string, unknown>)) as never;
    },
    subscribe(onSnapshot) {
      listeners.push(onSnapshot);
      return () => listeners.splice(listeners.indexOf(onSnapshot), 1);
    },
  };
  return {
    client,
    requests,
    push: (s: GuardSnapshot) => {
      for (const l of listeners) l(s);
    },
    listeners,
  };
}

export function fixedClock(now: number): ViewClock {
  return { now: () => now, every: () => () => {} };
}
