// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '../../../../src/ui/popup/PopupApp';
import { NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { fakeClient, fixedClock } from '../fake-client';

/**
 * The popup asks before it renders (entrypoints/popup/ask-first.ts); an answer already in by
 * then must be in its FIRST frame. Rendered without the testing library's act(), which would
 * run every effect at once: here only microtasks run, no animation frame and no timer, as
 * between a render and the paint that follows it.
 */
const flushMicrotasks = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

describe('popup: the first frame', () => {
  it('shows an answer that was already in before any frame is painted', async () => {
    root = document.createElement('div');
    document.body.append(root);
    const f = fakeClient({ getSnapshot: () => new Promise(() => {}) });
    render(
      <PopupApp client={f.client} clock={fixedClock(NOW)} first={Promise.resolve(snapshot())} openOptions={() => {}} />,
      root,
    );
    await flushMicrotasks();
    expect(root.querySelector('[data-account]')).not.toBeNull();
  });

  it('shows a cached snapshot read before any frame is painted', async () => {
    root = document.createElement('div');
    document.body.append(root);
    const f = fakeClient({ getSnapshot: () => new Promise(() => {}) });
    render(
      <PopupApp
        client={f.client}
        clock={fixedClock(NOW)}
        cached={Promise.resolve(snapshot())}
        first={new Promise(() => {})}
        openOptions={() => {}}
      />,
      root,
    );
    await flushMicrotasks();
    expect(root.querySelector('[data-account]')).not.toBeNull();
  });
});
