/**
 * An AbortSignal that aborts when any of `signals` does. `AbortSignal.any` exists in
 * Chrome 116+ and Node 20.3+, but a hand-rolled one keeps fakes and older runtimes working
 * and costs a few lines.
 */
export function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 1 && present[0]) return present[0];
  const controller = new AbortController();
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      return controller.signal;
    }
  }
  const onAbort = (event: Event) => {
    const source = event.target as AbortSignal;
    controller.abort(source.reason);
    for (const signal of present) signal.removeEventListener('abort', onAbort);
  };
  for (const signal of present) signal.addEventListener('abort', onAbort, { once: true });
  return controller.signal;
}
