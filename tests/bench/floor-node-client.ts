import { WebSocket } from 'ws';

/**
 * floor.ts's Node twin, in a process of its own (as the breach benchmark's reference client):
 * the extension's worker's 12 lines in Node. argv: the server's port. Prints `ready` once
 * connected; exits when the server closes the connection.
 */
const port = Number(process.argv[2]);
const ws = new WebSocket(`ws://127.0.0.1:${port}/hub`);
ws.on('message', (data) => {
  const m = JSON.parse(String(data)) as { id: string };
  void fetch(`http://127.0.0.1:${port}/close`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer floor' },
    body: JSON.stringify({ id: m.id, contractId: 'CON.F.US.EP.Z26' }),
  }).then((r) => r.text());
});
ws.once('open', () => process.stdout.write('ready\n'));
ws.once('close', () => process.exit(0));
