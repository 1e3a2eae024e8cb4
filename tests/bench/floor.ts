/**
 * floor.*: what any extension pays on loopback for the breach path, with no guard in it. A bare
 * MV3 extension (no permissions but the loopback host) whose service worker, on each WebSocket
 * message, POSTs a small JSON body with fetch; beside it, the same 12 lines in Node, in a process
 * of their own like the reference client (floor-node-client.ts). Both against one Node server
 * that stamps when it sent the message and when the POST's headers arrived, on its own clock. The browser rounds and the Node rounds
 * alternate, so a busy machine weighs on both alike.
 *
 * It tells how far the ≤ 3× loopback target of breachToClose (browser.ts) is reachable at all:
 * `floor.ratio` is the best ratio an extension's worker can have against a Node client on this
 * machine, before any logic of its own.
 */

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { summarize } from '../../scripts/demo/stats';
import { launchWithExtension } from '../e2e/support/chromium';

const SAMPLES = Number(process.env.RG_BENCH_FLOOR_SAMPLES ?? 50);
const ROUNDS = 3;
const WARMUP = 10;
const PAUSE_MS = 100;
const SETTLE_MS = 3000;
const MESSAGE_PAD = 'x'.repeat(300);
const NODE_CLIENT = fileURLToPath(new URL('./floor-node-client.ts', import.meta.url));

/** The worker: one WebSocket, one fetch per message (PORT is prepended). */
const WORKER = `
let ws;
function connect() {
  ws = new WebSocket('ws://127.0.0.1:' + PORT + '/hub');
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    fetch('http://127.0.0.1:' + PORT + '/close', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer floor' },
      body: JSON.stringify({ id: m.id, contractId: 'CON.F.US.EP.Z26' }),
    }).then((r) => r.text(), () => {});
  };
  ws.onclose = () => setTimeout(connect, 100);
}
connect();
`;

interface FloorServer {
  port: number;
  connected(): number;
  /** Closes every client's WebSocket (the Node client exits on it). */
  disconnectAll(): void;
  /** Sends one message to every connected client; resolves with ms from send to the POST's arrival. */
  sample(): Promise<number>;
  close(): Promise<void>;
}

async function startServer(): Promise<FloorServer> {
  const waiting = new Map<string, (arrivedAt: number) => void>();
  const server = http.createServer((req, res) => {
    const arrivedAt = performance.now();
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
      const id = (JSON.parse(body || '{}') as { id?: string }).id;
      if (id !== undefined) waiting.get(id)?.(arrivedAt);
    });
  });
  const hub = new WebSocketServer({ server, path: '/hub' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let next = 0;
  return {
    port: (server.address() as AddressInfo).port,
    connected: () => hub.clients.size,
    disconnectAll: () => {
      for (const client of hub.clients) client.close();
    },
    sample() {
      const id = String(next++);
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`floor: no request for message ${id} within 3 s`)), 3000);
        const sentAt = performance.now();
        waiting.set(id, (arrivedAt) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(arrivedAt - sentAt);
        });
        for (const client of hub.clients) client.send(JSON.stringify({ id, pad: MESSAGE_PAD }));
      });
    },
    async close() {
      for (const client of hub.clients) client.terminate();
      await new Promise<void>((resolve) => hub.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function collect(server: FloorServer, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await server.sample());
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
  return out;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`floor: ${what} within 15 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function extensionRound(server: FloorServer): Promise<number[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-floor-ext-'));
  const manifest = {
    manifest_version: 3,
    name: 'floor',
    version: '1',
    background: { service_worker: 'worker.js' },
    host_permissions: ['http://127.0.0.1/*'],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(path.join(dir, 'worker.js'), `const PORT = ${server.port};\n${WORKER}`);
  // As the breach benchmark's timing launch: Playwright does not watch the worker's network.
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  const browser = await launchWithExtension(dir);
  try {
    await until(() => server.connected() > 0, 'the extension worker did not connect');
    await collect(server, WARMUP);
    return await collect(server, SAMPLES);
  } finally {
    await browser.close();
    await until(() => server.connected() === 0, 'the extension worker did not go');
    await rm(dir, { recursive: true, force: true });
    // Chromium's processes go on exiting for a while: the Node round after must not pay for it.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  }
}

async function nodeRound(server: FloorServer): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE_CLIENT, String(server.port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (String(d).includes('ready')) resolve();
      });
      void exited.then(() => reject(new Error('floor: the Node client exited before it connected')));
    });
    await until(() => server.connected() > 0, 'the Node client did not connect');
    await collect(server, WARMUP);
    return await collect(server, SAMPLES);
  } finally {
    server.disconnectAll();
    await exited;
    await until(() => server.connected() === 0, 'the Node client did not go');
  }
}

export async function run(): Promise<Record<string, number>> {
  const server = await startServer();
  try {
    const extension: number[] = [];
    const node: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      extension.push(...(await extensionRound(server)));
      node.push(...(await nodeRound(server)));
    }
    const e = summarize(extension);
    const n = summarize(node);
    return {
      'floor.extensionP50Ms': e.p50,
      'floor.extensionP99Ms': e.p99,
      'floor.nodeP50Ms': n.p50,
      'floor.nodeP99Ms': n.p99,
      'floor.ratio': e.p50 / n.p50,
      'floor.samples': e.samples,
    };
  } finally {
    await server.close();
  }
}
