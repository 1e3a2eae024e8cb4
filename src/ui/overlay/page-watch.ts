/**
 * While the overlay blocks, the trading page keeps changing under it: React re-renders the
 * order controls (replacing the nodes the covers sit on), the trader switches account or
 * contract, the DOM ladder changes dozens of times a second, and scrolling or resizing moves
 * everything. The watch asks for a render on each such change: at once on the first, then at
 * most every `rerenderMs` while changes keep coming. The covers' own `inert` writes show up as
 * changes too; they are ignored unless a control lost its `inert`.
 */
export interface PageWatch {
  /** Watches while `on` (the overlay blocks), not otherwise; calling it again changes nothing. */
  watch(on: boolean): void;
  /** Stops for good: no render is asked for after this. */
  dispose(): void;
}

export interface PageWatchOptions {
  doc: Document;
  /** Renders the overlay again. */
  render: () => void;
  /** Whether the overlay blocks now (a change seen after the block ended asks for nothing). */
  blocking: () => boolean;
  rerenderMs?: number;
}

const RERENDER_MS = 50;

export function createPageWatch(options: PageWatchOptions): PageWatch {
  const { doc, render, blocking } = options;
  const rerenderMs = options.rerenderMs ?? RERENDER_MS;
  let disposed = false;
  let scheduled = false;
  let coolingDown = false;
  let dirty = false;

  const schedule = (): void => {
    if (disposed) return;
    if (coolingDown) {
      dirty = true;
      return;
    }
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      render();
      coolingDown = true;
      setTimeout(() => {
        coolingDown = false;
        if (dirty) {
          dirty = false;
          schedule();
        }
      }, rerenderMs);
    });
  };

  const targetObserver = new MutationObserver((records) => {
    if (!blocking()) return;
    // Our own inert/marker writes also show up here; ignore them unless something lost inert.
    const relevant = records.some(
      (r) =>
        r.type === 'childList' ||
        r.type === 'characterData' ||
        (r.type === 'attributes' && r.attributeName !== 'inert') ||
        (r.type === 'attributes' && !(r.target as Element).hasAttribute('inert')),
    );
    if (relevant) schedule();
  });
  const onViewportChange = (): void => {
    if (blocking()) schedule();
  };
  const view = doc.defaultView;
  let watching = false;

  const watch = (on: boolean): void => {
    if (on === watching) return;
    watching = on;
    if (on) {
      targetObserver.observe(doc.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['inert', 'value', 'aria-selected'],
      });
      view?.addEventListener('scroll', onViewportChange, { capture: true, passive: true });
      view?.addEventListener('resize', onViewportChange, { passive: true });
    } else {
      targetObserver.disconnect();
      view?.removeEventListener('scroll', onViewportChange, { capture: true });
      view?.removeEventListener('resize', onViewportChange);
    }
  };

  return {
    watch,
    dispose() {
      disposed = true;
      watch(false);
    },
  };
}
