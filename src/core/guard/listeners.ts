/**
 * A set of listeners: `emit` calls every one in the order they came, `subscribe` adds one and
 * returns its removal. The guard's two outward signals use it: "something changed, redraw"
 * (the views) and "the rules decided" (notifications).
 */
export interface Listeners<A extends unknown[]> {
  emit(...args: A): void;
  subscribe(listener: (...args: A) => void): () => void;
}

export function createListeners<A extends unknown[]>(): Listeners<A> {
  const listeners = new Set<(...args: A) => void>();
  return {
    emit(...args) {
      for (const l of listeners) l(...args);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
