import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Sessions } from '../auth/sessions';
import type { FaultRegistry } from '../faults';
import type { HubKind, PayloadForm } from '../types';
import { createSignalRConnection, type HubMethod, type SignalRConnection } from './signalr-protocol';

/**
 * Both hubs' connections: WebSocket upgrade (token from `?access_token=` or the
 * Authorization header; 401 when bad, 503 when refused or closed for the weekend), the
 * outgoing path with hub faults (drop, lose, duplicate, delay, hold, reorder), and the
 * operator's levers (drop sockets, refuse, close/open, logout).
 */
export interface HubConn {
  id: string;
  hub: HubKind;
  userName: string;
  form: PayloadForm;
  subscriptions: Set<string>;
  sr: SignalRConnection;
  reorderSlot?: { target: string; args: unknown[] };
}

export interface HubServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  send(conn: HubConn, target: string, args: unknown[]): void;
  all(hub?: HubKind): HubConn[];
  setPayloadForm(form: PayloadForm, hub?: HubKind): void;
  dropSockets(options?: { hub?: HubKind; graceful?: boolean; error?: string }): number;
  refuseConnections(ms: number, hub?: HubKind): void;
  /** Closed while any reason holds: the operator's fault ('fault', the default) or the calendar ('weekend'). */
  closeHubs(reason?: string): void;
  openHubs(reason?: string): void;
  release(): void;
  logout(userName?: string): void;
  stop(): void;
}

const FORMS: ReadonlySet<string> = new Set(['documented', 'wrapped', 'account-prefixed']);

export function createHubServer(options: {
  sessions: Sessions;
  faults: FaultRegistry;
  now: () => number;
  pingIntervalMs: number;
  methods: (conn: HubConn) => Record<string, HubMethod>;
  /** Called before each upgrade is judged (the calendar catches up with a clock that jumped). */
  beforeUpgrade?: () => void;
}): HubServer {
  const wss = new WebSocketServer({ noServer: true });
  const conns = new Map<string, HubConn>();
  const defaultForm: Record<HubKind, PayloadForm | undefined> = { user: undefined, market: undefined };
  const refusedUntil: Record<HubKind, number> = { user: 0, market: 0 };
  const closedFor = new Set<string>();
  let held: Array<{ conn: HubConn; target: string; args: unknown[] }> = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let seq = 0;

  const reject = (socket: Duplex, status: number, text: string): void => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const raw = (conn: HubConn, target: string, args: unknown[]): void => conn.sr.invoke(target, args);

  const deliver = (conn: HubConn, target: string, args: unknown[]): void => {
    raw(conn, target, args);
    const slot = conn.reorderSlot;
    if (slot) {
      conn.reorderSlot = undefined;
      raw(conn, slot.target, slot.args);
    }
  };

  const hubServer: HubServer = {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.toLowerCase().replace(/\/+$/, '');
      const hub: HubKind | undefined = path === '/hubs/user' ? 'user' : path === '/hubs/market' ? 'market' : undefined;
      if (!hub) return false;
      options.beforeUpgrade?.();
      if (closedFor.size > 0 || refusedUntil[hub] > options.now()) {
        reject(socket, 503, 'Service Unavailable');
        return true;
      }
      const header = req.headers.authorization;
      const token =
        url.searchParams.get('access_token') ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
      const check = options.sessions.check(token);
      if (!check.ok) {
        reject(socket, 401, 'Unauthorized');
        return true;
      }
      const asked = url.searchParams.get('form');
      const form = (asked && FORMS.has(asked) ? asked : (defaultForm[hub] ?? 'documented')) as PayloadForm;
      wss.handleUpgrade(req, socket, head, (ws) => {
        seq += 1;
        const conn = { id: `${hub}-${seq}`, hub, userName: check.userName, form, subscriptions: new Set() } as HubConn;
        conn.sr = createSignalRConnection(ws, {
          methods: options.methods(conn),
          pingIntervalMs: options.pingIntervalMs,
        });
        conns.set(conn.id, conn);
        conn.sr.onClose(() => conns.delete(conn.id));
      });
      return true;
    },
    send(conn, target, args) {
      const effect = options.faults.forHub(conn.hub, target);
      if (!effect) return deliver(conn, target, args);
      switch (effect.type) {
        case 'drop':
        case 'lose':
          return;
        case 'duplicate':
          deliver(conn, target, args);
          deliver(conn, target, args);
          return;
        case 'delay': {
          const t = setTimeout(() => {
            timers.delete(t);
            deliver(conn, target, args);
          }, effect.ms);
          timers.add(t);
          return;
        }
        case 'hold':
          held.push({ conn, target, args });
          return;
        case 'reorder':
          if (conn.reorderSlot) deliver(conn, target, args);
          else conn.reorderSlot = { target, args };
          return;
        default:
          deliver(conn, target, args);
      }
    },
    all: (hub) => [...conns.values()].filter((c) => hub === undefined || c.hub === hub),
    setPayloadForm(form, hub) {
      for (const h of ['user', 'market'] as const) if (hub === undefined || hub === h) defaultForm[h] = form;
      for (const c of conns.values()) if (hub === undefined || c.hub === hub) c.form = form;
    },
    dropSockets(opts) {
      const targets = hubServer.all(opts?.hub);
      for (const c of targets) {
        if (opts?.graceful) c.sr.close(opts.error ?? 'Server closed the connection.', true);
        else c.sr.terminate();
      }
      return targets.length;
    },
    refuseConnections(ms, hub) {
      for (const h of ['user', 'market'] as const)
        if (hub === undefined || hub === h) refusedUntil[h] = options.now() + ms;
    },
    closeHubs(reason = 'fault') {
      if (closedFor.has(reason)) return;
      closedFor.add(reason);
      for (const c of conns.values()) c.sr.close('Hubs are closed (weekend).', true);
    },
    openHubs(reason = 'fault') {
      closedFor.delete(reason);
    },
    release() {
      const list = held;
      held = [];
      for (const h of list) deliver(h.conn, h.target, h.args);
      for (const c of conns.values()) {
        const slot = c.reorderSlot;
        c.reorderSlot = undefined;
        if (slot) raw(c, slot.target, slot.args);
      }
    },
    logout(userName) {
      for (const c of [...conns.values()]) {
        if (userName !== undefined && c.userName !== userName) continue;
        hubServer.send(c, 'GatewayLogout', []);
        c.sr.close('Session ended: logged out.', false);
      }
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const c of conns.values()) c.sr.terminate();
      conns.clear();
      wss.close();
    },
  };
  return hubServer;
}
