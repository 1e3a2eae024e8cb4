import type { GuardSnapshot } from '../../messaging/snapshot';

/**
 * Worker side of the snapshot stream: keeps the latest snapshot in memory (so getSnapshot
 * answers at once, well inside the popup's 100 ms) and pushes each new one to every open
 * port. A new subscriber gets the current snapshot immediately: a view that connects after
 * a worker restart must not wait for the next change to learn it is locked.
 *
 *   const publisher = createSnapshotPublisher();
 *   router handlers: getSnapshot: () => publisher.current() ?? buildSnapshot(),
 *                    subscribe: (push) => publisher.subscribe(push)
 *   on every state/health/config change: publisher.publish(buildSnapshot())
 */
export interface SnapshotPublisher {
  publish(snapshot: GuardSnapshot): void;
  current(): GuardSnapshot | null;
  subscribe(push: (snapshot: GuardSnapshot) => void): () => void;
  subscriberCount(): number;
}

export function createSnapshotPublisher(): SnapshotPublisher {
  let latest: GuardSnapshot | null = null;
  const subscribers = new Set<(snapshot: GuardSnapshot) => void>();
  const deliver = (push: (s: GuardSnapshot) => void, s: GuardSnapshot) => {
    try {
      push(s);
    } catch {
      // One broken view must not stop the others from hearing about a lockout.
    }
  };
  return {
    publish(snapshot) {
      latest = snapshot;
      for (const push of [...subscribers]) deliver(push, snapshot);
    },
    current: () => latest,
    subscribe(push) {
      subscribers.add(push);
      if (latest !== null) deliver(push, latest);
      return () => {
        subscribers.delete(push);
      };
    },
    subscriberCount: () => subscribers.size,
  };
}
