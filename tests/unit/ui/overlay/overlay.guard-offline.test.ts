// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { covers, overlayPerTest, text } from './overlay-fixture';

/** The overlay when the guard cannot see (BLIND) or does not answer: fail-closed blocks, fail-open only says so. */
const { make, mc } = overlayPerTest();

describe('page overlay', () => {
  it('shows "guard offline" and blocks when the guard is blind and fail-closed is on', () => {
    const o = make();
    o.update(snapshot({ health: healthy({ blindSince: NOW - 30_000 }), failClosed: true }));
    expect(o.currentBlock()?.kind).toBe('offline');
    expect(text(o)).toContain('Guard offline');
    expect(text(o)).toContain('cannot see your account');
    expect(text(o)).toContain('Guard BLIND');
  });

  it('does not block when blind with fail-closed off, but still says BLIND', () => {
    const o = make();
    o.update(snapshot({ health: healthy({ blindSince: NOW - 30_000 }), failClosed: false }));
    expect(covers(o)).toHaveLength(0);
    expect(text(o)).toContain('Guard BLIND');
  });

  it('blocks as "guard offline" when the worker stops answering under fail-closed', () => {
    const o = make({ offlineAfterMs: 5000 });
    o.update(snapshot());
    o.setWorkerConnected(false);
    mc().advance(4000);
    expect(o.currentBlock()).toBeNull();
    mc().advance(2000);
    expect(o.currentBlock()?.kind).toBe('offline');
    o.update(snapshot());
    expect(o.currentBlock()).toBeNull();
  });
});
