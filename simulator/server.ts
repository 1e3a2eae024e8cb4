import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HubServer } from './hubs/hub-server';
import type { RestPipeline } from './rest/pipeline';

/** HTTP routing: /api/** → REST, /control/** → control API, WebSocket upgrades → hubs. */
export function createHttpServer(parts: {
  rest: RestPipeline;
  control: (req: IncomingMessage, res: ServerResponse) => void;
  hubs: HubServer;
}): Server {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').toLowerCase();
    // Pages (demo, happy-dom tests) call from another origin; an extension with host permissions needs none of this.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'retry-after, date');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, x-requested-with',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    if (path.startsWith('/api/')) return parts.rest.handle(req, res);
    if (path === '/control' || path.startsWith('/control/') || path.startsWith('/control?'))
      return parts.control(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!parts.hubs.handleUpgrade(req, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      if (addr === null || typeof addr === 'string') reject(new Error('no address'));
      else resolve(addr.port);
    });
  });
}
