import type {
  HubTransport,
  HubTransportFactory,
  HubTransportOptions,
} from '../../../../src/core/realtime/hub-transport';
import type { TokenProvider } from '../../../../src/core/resilience/executor';

/** A scripted stand-in for the SignalR client: each attempt gets one FakeTransport. */
export interface FakeTransport extends HubTransport {
  readonly options: HubTransportOptions;
  readonly invoked: Array<{ method: string; args: unknown[] }>;
  readonly createdAt: number;
  started: boolean;
  stopped: boolean;
  /** Server → client invocation. */
  emit(event: string, ...args: unknown[]): void;
  ping(): void;
  /** The connection closes (error = abnormal). */
  close(error?: Error): void;
}

export type StartOutcome = 'ok' | Error;

export function createFakeHub(options: { pingsVisible?: boolean } = {}) {
  const transports: FakeTransport[] = [];
  /** Outcomes of the next start() calls; when empty, start succeeds. */
  const outcomes: StartOutcome[] = [];
  let alwaysFail: Error | null = null;
  let failInvoke: string | null = null;

  const factory: HubTransportFactory = (opts) => {
    const handlers = new Map<string, Array<(...args: unknown[]) => void>>();
    const closeHandlers: Array<(error?: Error) => void> = [];
    const anyHandlers: Array<() => void> = [];
    const t: FakeTransport = {
      options: opts,
      invoked: [],
      createdAt: Date.now(),
      started: false,
      stopped: false,
      pingsVisible: options.pingsVisible ?? true,
      async start() {
        const outcome = alwaysFail ?? outcomes.shift() ?? 'ok';
        if (outcome !== 'ok') throw outcome;
        t.started = true;
      },
      async stop() {
        t.stopped = true;
      },
      on(event, handler) {
        const list = handlers.get(event) ?? [];
        list.push(handler);
        handlers.set(event, list);
      },
      async invoke(method, ...args) {
        if (failInvoke === method) throw new Error(`invoke ${method} failed`);
        t.invoked.push({ method, args });
        return undefined;
      },
      onclose(handler) {
        closeHandlers.push(handler);
      },
      onAnyMessage(handler) {
        anyHandlers.push(handler);
      },
      emit(event, ...args) {
        for (const h of anyHandlers) h();
        for (const h of handlers.get(event) ?? []) h(...args);
      },
      ping() {
        for (const h of anyHandlers) h();
      },
      close(error) {
        for (const h of closeHandlers) h(error);
      },
    };
    transports.push(t);
    return t;
  };

  return {
    factory,
    transports,
    last(): FakeTransport {
      const t = transports[transports.length - 1];
      if (!t) throw new Error('no transport created yet');
      return t;
    },
    failNextStarts(...errors: StartOutcome[]) {
      outcomes.push(...errors);
    },
    failAllStarts(error: Error | null) {
      alwaysFail = error;
    },
    failInvokeOf(method: string | null) {
      failInvoke = method;
    },
  };
}

export function createFakeTokens(): TokenProvider & { issued: string[]; unauthorized: string[]; failReauth: boolean } {
  let n = 0;
  const fake = {
    issued: [] as string[],
    unauthorized: [] as string[],
    failReauth: false,
    async getToken() {
      n += 1;
      const token = `token-${n}`;
      fake.issued.push(token);
      return token;
    },
    async onUnauthorized(token: string) {
      fake.unauthorized.push(token);
      if (fake.failReauth) throw new Error('re-enter the API key');
      n += 1;
      const fresh = `token-${n}`;
      fake.issued.push(fresh);
      return fresh;
    },
  };
  return fake;
}
