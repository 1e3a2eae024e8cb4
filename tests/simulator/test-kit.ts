import { HttpTransportType, type HubConnection, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import type { Simulator } from '../../simulator/types';

/**
 * Small helpers for tests that drive the simulator like the extension does: fetch for REST
 * and the real @microsoft/signalr client (unmodified) for the hubs.
 */
export interface PostResult {
  status: number;
  headers: Headers;
  json: Record<string, unknown> | null;
  text: string;
}

export async function post(sim: Simulator, path: string, body: unknown, token?: string | null): Promise<PostResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${sim.restUrl}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    json = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export async function login(sim: Simulator): Promise<string> {
  const r = await post(sim, '/api/Auth/loginKey', { userName: sim.demo.userName, apiKey: sim.demo.apiKey });
  const token = r.json?.token;
  if (typeof token !== 'string') throw new Error(`login failed: ${r.text}`);
  return token;
}

export interface Recorder {
  events: Array<{ target: string; args: unknown[] }>;
  of(target: string): unknown[][];
  waitFor(predicate: (e: { target: string; args: unknown[] }[]) => boolean, timeoutMs?: number): Promise<void>;
}

export function record(conn: HubConnection, targets: string[]): Recorder {
  const events: Array<{ target: string; args: unknown[] }> = [];
  for (const target of targets) {
    conn.on(target, (...args: unknown[]) => {
      events.push({ target, args });
    });
  }
  return {
    events,
    of: (target) => events.filter((e) => e.target === target).map((e) => e.args),
    waitFor: (predicate, timeoutMs = 3000) => waitUntil(() => predicate(events), timeoutMs),
  };
}

export async function waitUntil(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('waitUntil: timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function hub(url: string, token: () => string, query = ''): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(`${url}${query}`, {
      transport: HttpTransportType.WebSockets,
      skipNegotiation: true,
      accessTokenFactory: token,
    })
    .configureLogging(LogLevel.None)
    .build();
}

export const USER_EVENTS = ['GatewayUserAccount', 'GatewayUserOrder', 'GatewayUserPosition', 'GatewayUserTrade'];
export const MARKET_EVENTS = ['GatewayQuote', 'GatewayTrade', 'GatewayDepth'];
