import { describe, expect, it } from 'vitest';
import { createRequestLog } from '../../simulator/request-log';
import type { RequestLogEntry } from '../../simulator/types';

const entry = (n: number, endpoint = '/api/Order/place'): RequestLogEntry => ({
  at: n,
  endpoint,
  userName: 'u',
  httpStatus: 200,
  success: true,
  durationMs: 0,
  body: { n },
});

describe('request log', () => {
  it('counts every request logged, trimmed ones included', () => {
    const log = createRequestLog(10);
    for (let i = 0; i < 25; i++) log.add(entry(i));
    expect(log.count()).toBe(25);
    expect(log.list().length).toBeLessThanOrEqual(11);
  });

  it('gives the requests after a mark, across a trim', () => {
    const log = createRequestLog(10);
    for (let i = 0; i < 8; i++) log.add(entry(i));
    const mark = log.count();
    for (let i = 8; i < 20; i++) log.add(entry(i));
    // 20 logged and the first 10 trimmed away (numbers 0–9): after the mark at 8, what is still
    // kept is 10–19, not the entries at positions 8… of what is left.
    expect(log.list().map((e) => e.at)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(log.since(mark).map((e) => e.at)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(log.since(log.count())).toEqual([]);
    expect(log.since(19).map((e) => e.at)).toEqual([19]);
  });

  it('copies what it gives, so a caller cannot change the log', () => {
    const log = createRequestLog();
    log.add(entry(1));
    const [first] = log.since(0);
    if (!first) throw new Error('no entry');
    first.at = 99;
    expect(log.since(0)[0]?.at).toBe(1);
  });

  it('starts counting again after clear()', () => {
    const log = createRequestLog();
    log.add(entry(1));
    log.add(entry(2));
    log.clear();
    log.add(entry(3));
    expect(log.count()).toBe(1);
    expect(log.since(0).map((e) => e.at)).toEqual([3]);
  });
});
