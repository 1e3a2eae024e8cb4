import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ReferenceClient, ReferenceClientOptions } from './reference-client';

/**
 * The reference client in a Node process of its own, as any real client is: a program apart
 * from the gateway. In the benchmark's own process it shared one event loop with the simulator
 * (and with the breach loop, which polls every millisecond), so a position update reached it
 * without any process being woken, and its close was read by an event loop that was already
 * running. The guard, in the browser, pays for those wake-ups on every breach, so the
 * comparison has to include them on both sides.
 *
 * Protocol with the child (reference-client-main.ts): options as JSON in argv; the child
 * prints `ready` once subscribed, `close` after each close it sent, `error <text>` if it could
 * not start; SIGTERM stops it.
 */
const MAIN = fileURLToPath(new URL('./reference-client-main.ts', import.meta.url));
const START_TIMEOUT_MS = 20_000;

export async function startReferenceClientProcess(
  o: Omit<ReferenceClientOptions, 'onClose'>,
): Promise<ReferenceClient> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN, JSON.stringify(o)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) throw new Error('reference client process: no stdout');
  let closes = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`reference client process: not ready within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    let settled = false;
    const done = (error?: Error) => {
      // Only the start is settled here: the exit of a client that was ready is stop()'s.
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve();
    };
    createInterface({ input: stdout }).on('line', (line) => {
      if (line === 'ready') done();
      else if (line === 'close') closes += 1;
      else if (line.startsWith('error ')) done(new Error(`reference client process: ${line.slice(6)}`));
    });
    void exited.then(() => done(new Error('reference client process: exited before it was ready')));
  });
  return {
    closes: () => closes,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
