import { describe, expect, it } from 'vitest';
import { createSnapshotPublisher } from '../../../../src/worker/snapshot/snapshot-publisher';
import { snapshot } from '../../messaging/snapshot-fixtures';

describe('snapshot publisher', () => {
  it('gives a new subscriber the current snapshot at once', () => {
    const p = createSnapshotPublisher();
    const s = snapshot();
    p.publish(s);
    const seen: unknown[] = [];
    p.subscribe((x) => seen.push(x));
    expect(seen).toEqual([s]);
  });

  it('pushes each new snapshot to every subscriber until it unsubscribes', () => {
    const p = createSnapshotPublisher();
    const a: number[] = [];
    const b: number[] = [];
    const stopA = p.subscribe((x) => a.push(x.generatedAt));
    p.subscribe((x) => b.push(x.generatedAt));
    p.publish(snapshot({ generatedAt: 1 }));
    stopA();
    p.publish(snapshot({ generatedAt: 2 }));
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
    expect(p.subscriberCount()).toBe(1);
    expect(p.current()?.generatedAt).toBe(2);
  });

  it('keeps pushing to the others when one subscriber throws', () => {
    const p = createSnapshotPublisher();
    const seen: number[] = [];
    p.subscribe(() => {
      throw new Error('port closed');
    });
    p.subscribe((x) => seen.push(x.generatedAt));
    p.publish(snapshot({ generatedAt: 5 }));
    expect(seen).toEqual([5]);
  });

  it('has nothing before the first publish', () => {
    expect(createSnapshotPublisher().current()).toBeNull();
  });
});
