import type { WebSocket } from 'ws';
import { errorMessage } from '../../src/core/error-message';

/**
 * The SignalR JSON hub protocol over one WebSocket (no npm package is a usable SignalR
 * server; the protocol is small). Records end with 0x1E.
 *
 *   connecting --handshake ok--> open --close()/terminate()/peer close--> closed
 *
 * Handshake `{"protocol":"json","version":1}` → `{}`. Client invocations (type 1) go to the
 * method table; EVERY invocation with an invocationId gets a completion (type 3, `error`
 * when the method is unknown or throws). The server pings (type 6) every `pingIntervalMs`
 * and ends with a close message (type 7) when closing gracefully.
 */
export const RS = '\x1e';

export type HubMethod = (args: unknown[]) => void;

export interface SignalRConnection {
  readonly state: 'connecting' | 'open' | 'closed';
  /** Send a server-to-client invocation (no invocationId: the client must not answer). */
  invoke(target: string, args: unknown[]): void;
  /** Graceful: close message, then close the socket. */
  close(error?: string, allowReconnect?: boolean): void;
  /** Abrupt: destroy the TCP socket (client sees 1006). */
  terminate(): void;
  onClose(listener: () => void): void;
}

export function createSignalRConnection(
  ws: WebSocket,
  options: { methods: Record<string, HubMethod>; pingIntervalMs: number; onOpen?: () => void },
): SignalRConnection {
  let state: SignalRConnection['state'] = 'connecting';
  let buffer = '';
  const closeListeners: Array<() => void> = [];
  let ping: ReturnType<typeof setInterval> | undefined;

  const sendRecord = (msg: unknown): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(msg) + RS);
  };

  const finish = (): void => {
    if (state === 'closed') return;
    state = 'closed';
    if (ping) clearInterval(ping);
    for (const l of closeListeners) l();
  };

  const handle = (record: string): void => {
    let msg: unknown;
    try {
      msg = JSON.parse(record);
    } catch {
      conn.close('Invalid JSON record.', false);
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as Record<string, unknown>;
    if (state === 'connecting') {
      if (m.protocol !== 'json') {
        ws.send(`${JSON.stringify({ error: `The protocol '${String(m.protocol)}' is not supported.` })}${RS}`);
        ws.close();
        return;
      }
      ws.send(`{}${RS}`);
      state = 'open';
      if (options.pingIntervalMs > 0) ping = setInterval(() => sendRecord({ type: 6 }), options.pingIntervalMs);
      options.onOpen?.();
      return;
    }
    switch (m.type) {
      case 1:
      case 4: {
        const id = typeof m.invocationId === 'string' ? m.invocationId : undefined;
        const target = typeof m.target === 'string' ? m.target : '';
        const args = Array.isArray(m.arguments) ? m.arguments : [];
        const method = m.type === 1 ? options.methods[target] : undefined;
        if (!method) {
          if (id !== undefined) sendRecord({ type: 3, invocationId: id, error: `Method does not exist: '${target}'.` });
          return;
        }
        try {
          method(args);
          if (id !== undefined) sendRecord({ type: 3, invocationId: id, result: null });
        } catch (err) {
          if (id !== undefined) sendRecord({ type: 3, invocationId: id, error: errorMessage(err) });
        }
        return;
      }
      case 7:
        ws.close();
        return;
      default:
        return; // pings (6), cancel (5), acks: nothing to do
    }
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    buffer += data.toString();
    let idx = buffer.indexOf(RS);
    while (idx >= 0) {
      const record = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 1);
      if (record.length > 0) handle(record);
      if (state === 'closed') return;
      idx = buffer.indexOf(RS);
    }
  });
  ws.on('close', finish);
  ws.on('error', finish);

  const conn: SignalRConnection = {
    get state() {
      return state;
    },
    invoke(target, args) {
      if (state !== 'open') return;
      sendRecord({ type: 1, target, arguments: args });
    },
    close(error, allowReconnect = true) {
      if (state === 'closed') return;
      const msg: Record<string, unknown> = { type: 7, allowReconnect };
      if (error !== undefined) msg.error = error;
      sendRecord(msg);
      ws.close(1000);
      finish();
    },
    terminate() {
      ws.terminate();
      finish();
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
  };
  return conn;
}
