import {
  HttpTransportType,
  HubConnectionBuilder,
  HubConnectionState,
  JsonHubProtocol,
  LogLevel,
} from '@microsoft/signalr';

/**
 * The one file that imports @microsoft/signalr. The connection manager only sees
 * `HubTransport`, so unit tests drive it with a fake hub and the real client stays an
 * implementation detail.
 *
 * Why no `withAutomaticReconnect()`: the client's policy waits 0, 2, 10, 30 s and then gives
 * up for good, and it never retries a failed first `start()`. The guard must never stop
 * trying, so the connection manager owns reconnection and builds a fresh connection (with a
 * fresh token) for every attempt.
 */
export interface HubTransport {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Register a server-to-client handler. Handlers return nothing (a returned value makes the client log an error). */
  on(event: string, handler: (...args: unknown[]) => void): void;
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  /**
   * True while the connection is open. An invocation that failed on an open connection was
   * refused by the server; on a closed one it was cut off with the connection (the client
   * marks the connection closed before it rejects the pending invocations).
   */
  isOpen(): boolean;
  onclose(handler: (error?: Error) => void): void;
  /** Called for every frame the server sends, pings included when `pingsVisible`. */
  onAnyMessage(handler: () => void): void;
  /**
   * True when `onAnyMessage` also sees pings. When false only invocations are seen, and the
   * client's own server timeout (a close with an error) is the only silence signal.
   */
  readonly pingsVisible: boolean;
}

export interface HubTransportOptions {
  /** http:// or https:// hub URL; the client turns it into ws:// / wss:// itself. */
  url: string;
  accessTokenFactory: () => Promise<string>;
  keepAliveIntervalMs?: number;
  serverTimeoutMs?: number;
}

export type HubTransportFactory = (options: HubTransportOptions) => HubTransport;

interface ReceivingConnection {
  onreceive: ((data: string | ArrayBuffer) => void) | null;
}

function hasReceivingConnection(value: unknown): value is { connection: ReceivingConnection } {
  if (typeof value !== 'object' || value === null || !('connection' in value)) return false;
  const inner = (value as { connection: unknown }).connection;
  return typeof inner === 'object' && inner !== null && 'onreceive' in inner;
}

export function assertHttpUrl(url: string): void {
  if (!/^https?:\/\//i.test(url)) {
    throw new Error(`hub URL must be http(s):// (the SignalR client converts it to ws:// itself), got "${url}"`);
  }
}

export function createSignalRHubFactory(options: { logLevel?: LogLevel } = {}): HubTransportFactory {
  return (opts) => {
    assertHttpUrl(opts.url);
    const connection = new HubConnectionBuilder()
      .withUrl(opts.url, {
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: opts.accessTokenFactory,
      })
      .withHubProtocol(new JsonHubProtocol())
      .configureLogging(options.logLevel ?? LogLevel.None)
      .withKeepAliveInterval(opts.keepAliveIntervalMs ?? 15_000)
      .withServerTimeout(opts.serverTimeoutMs ?? 30_000)
      .build();

    const anyMessage: Array<() => void> = [];
    // The client does not surface pings. Its underlying connection's `onreceive` sees every
    // frame (pings included); wrapping it is the only way to measure "last message" honestly.
    // It is a private field: if a client version drops it we fall back to invocations only.
    let pingsVisible = false;
    const internals: unknown = connection;
    if (hasReceivingConnection(internals)) {
      const inner = internals.connection;
      const original = inner.onreceive;
      if (typeof original === 'function') {
        inner.onreceive = (data: string | ArrayBuffer) => {
          for (const h of anyMessage) h();
          original(data);
        };
        pingsVisible = true;
      }
    }

    return {
      pingsVisible,
      start: () => connection.start(),
      stop: () => connection.stop(),
      on(event, handler) {
        connection.on(event, (...args: unknown[]) => {
          if (!pingsVisible) for (const h of anyMessage) h();
          handler(...args);
        });
      },
      invoke: (method, ...args) => connection.invoke(method, ...args),
      isOpen: () => connection.state === HubConnectionState.Connected,
      onclose(handler) {
        connection.onclose((error) => handler(error));
      },
      onAnyMessage(handler) {
        anyMessage.push(handler);
      },
    };
  };
}
