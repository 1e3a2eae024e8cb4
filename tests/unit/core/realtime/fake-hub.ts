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
  /** Open from a successful start until it is stopped or closes. */
  open: boolean;
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
  /** A method the server refuses (the connection stays open), and the argument it refuses it for (any when null). */
  let refuse: { method: string; arg: string | number | null } | null = null;
  /** A method whose invocation the connection dies under. */
  let dropOn: string | null = null;

  const factory: HubTransportFactory = (opts) => {
    const handlers = new Map<string, Array<(...args: unknown[]) => void>>();
    const closeHandlers: Array<(error?: Error) => void> = [];
    const anyHandlers: Array<() => void> = [];
    const t: FakeTransport = {
      options: opts,
      invoked: [],
      createdAt: Date.now(),
      open: false,
      started: false,
      stopped: false,
      pingsVisible: options.pingsVisible ?? true,
      async start() {
        const outcome = alwaysFail ?? outcomes.shift() ?? 'ok';
        if (outcome !== 'ok') throw outcome;
        t.started = true;
        t.open = true;
      },
      async stop() {
        t.stopped = true;
        t.open = false;
      },
      on(event, handler) {
        const list = handlers.get(event) ?? [];
        list.push(handler);
        handlers.set(event, list);
      },
      async invoke(method, ...args) {
        if (dropOn === method) {
          // As the SignalR client does: the connection is closed (and says so) before the
          // pending invocation is rejected.
          t.close(new Error('WebSocket closed with status code: 1006'));
          throw new Error('Invocation canceled due to the underlying connection being closed.');
        }
        if (refuse?.method === method && (refuse.arg === null || args[0] === refuse.arg)) {
          throw new Error(
            `An unexpected error occurred invoking '${method}' on the server. HubException: Unauthorized.`,
          );
        }
        t.invoked.push({ method, args });
        return undefined;
      },
      isOpen: () => t.open,
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
        t.open = false;
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
    /** The server refuses `method` (for `arg` only, when given) while the connection stays open; null: no more. */
    refuseInvokeOf(method: string | null, arg: string | number | null = null) {
      refuse = method === null ? null : { method, arg };
    },
    /** The connection dies under every invocation of `method`; null: no more. */
    dropOnInvokeOf(method: string | null) {
      dropOn = method;
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
