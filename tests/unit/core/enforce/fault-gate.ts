import type { Timers } from '../../../../src/core/ports';
import { GatewayError } from '../../../../src/core/resilience/errors';

/**
 * What stands between the fake account and its caller: latency, an outage, and faults
 * injected per method. Every mutation is recorded with what it did, so tests count actions
 * ("one flatten", "zero duplicates").
 */
export type MutationMethod = 'placeOrder' | 'cancelOrder' | 'modifyOrder' | 'closePosition' | 'reducePosition';
export type Method = MutationMethod | 'reads';

export type FaultMode =
  /** The action is applied, then the call throws an outcome-unknown error. */
  | 'unknown-after-apply'
  /** The call throws a transient error before anything is applied. */
  | 'transient'
  /** Rate limited (429) before anything is applied. */
  | 'rate-limited'
  /** The call resolves `{status:'failed'}` (retryable) without applying. */
  | 'failed'
  /** The gateway refuses the action (business error, e.g. market closed): `failed`, not retryable. */
  | 'refused'
  /** The action is applied and the call never answers (the worker died waiting). */
  | 'hang-after-apply'
  /** The call never answers and nothing is applied. */
  | 'hang';

export interface CallRecord {
  method: MutationMethod;
  args: unknown[];
  effect: 'applied' | 'noop' | 'fault';
  fault?: FaultMode;
  /** Sent through `sendNow` (the enforcer's fast path: no read first). */
  immediate?: boolean;
}

/** What a test sees of the gate and sets on it. */
export interface FaultControls {
  readonly calls: CallRecord[];
  readCount(): number;
  inject(method: Method, mode: FaultMode, times?: number): void;
  /** While down, every call (reads and actions) throws a transient error. */
  setDown(down: boolean): void;
  setLatency(ms: number): void;
  applied(method?: MutationMethod): CallRecord[];
}

export interface FaultGate {
  /** Runs one mutation with latency, outage and injected faults around `apply`. */
  mutate<R>(
    method: MutationMethod,
    args: unknown[],
    apply: () => { effect: 'applied' | 'noop'; result: R },
    immediate?: boolean,
  ): Promise<R>;
  /** Runs one read the same way; the caller gets a copy. */
  read<R>(f: () => R): Promise<R>;
  readonly controls: FaultControls;
}

export function createFaultGate(options: { timers?: Timers }): FaultGate {
  const faults: Array<{ method: Method; mode: FaultMode; left: number }> = [];
  const calls: CallRecord[] = [];
  let down = false;
  let latency = 0;
  let reads = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || !options.timers) resolve();
      else options.timers.setTimeout(resolve, ms);
    });
  const takeFault = (method: Method): FaultMode | null => {
    const f = faults.find((x) => x.method === method && x.left > 0);
    if (!f) return null;
    f.left -= 1;
    return f.mode;
  };
  const never = () => new Promise<never>(() => {});

  const mutate = async <R>(
    method: MutationMethod,
    args: unknown[],
    apply: () => { effect: 'applied' | 'noop'; result: R },
    immediate = false,
  ): Promise<R> => {
    await wait(latency);
    if (down) {
      calls.push({ method, args, effect: 'fault', fault: 'transient', ...(immediate ? { immediate } : {}) });
      throw new GatewayError('transient', 'service down (fake)', { httpStatus: 503 });
    }
    const fault = takeFault(method);
    if (fault && fault !== 'unknown-after-apply' && fault !== 'hang-after-apply') {
      calls.push({ method, args, effect: 'fault', fault, ...(immediate ? { immediate } : {}) });
      if (fault === 'refused')
        return { status: 'failed', error: 'Outside trading hours. (fake)', retryable: false } as R;
      if (fault === 'transient') throw new GatewayError('transient', 'HTTP 502 (fake)', { httpStatus: 502 });
      if (fault === 'rate-limited')
        throw new GatewayError('rate-limited', 'HTTP 429 (fake)', { httpStatus: 429, retryAfterMs: 1000 });
      if (fault === 'hang') return never();
      return { status: 'failed', error: 'rejected for now (fake)', retryable: true } as R;
    }
    const { effect, result } = apply();
    calls.push({ method, args, effect, ...(fault ? { fault } : {}), ...(immediate ? { immediate } : {}) });
    if (fault === 'unknown-after-apply')
      throw new GatewayError('outcome-unknown', 'connection dropped after the request (fake)');
    if (fault === 'hang-after-apply') return never();
    return result;
  };

  const read = async <R>(f: () => R): Promise<R> => {
    await wait(latency);
    reads += 1;
    if (down) throw new GatewayError('transient', 'service down (fake)', { httpStatus: 503 });
    const fault = takeFault('reads');
    if (fault === 'rate-limited')
      throw new GatewayError('rate-limited', 'HTTP 429 (fake)', { httpStatus: 429, retryAfterMs: 1000 });
    if (fault === 'hang') return never();
    if (fault) throw new GatewayError('transient', 'HTTP 502 (fake)', { httpStatus: 502 });
    return structuredClone(f());
  };

  const controls: FaultControls = {
    calls,
    readCount: () => reads,
    inject(method, mode, times = 1) {
      faults.push({ method, mode, left: times });
    },
    setDown(value) {
      down = value;
    },
    setLatency(ms) {
      latency = ms;
    },
    applied(method) {
      return calls.filter((c) => c.effect === 'applied' && (method === undefined || c.method === method));
    },
  };

  return { mutate, read, controls };
}
