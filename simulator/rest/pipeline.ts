import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FaultRegistry } from '../faults';
import { bucketOf, type RateLimiter } from '../rate-limit';
import type { RequestLog } from '../request-log';
import { badRequest, type RestDeps, type RestReply } from './common';
import { corruptReply } from './corrupt';
import { findRoute } from './routes';

/**
 * One REST request, start to finish:
 *   read body → route → token (401) → rate limit (429) → faults (latency, then one of
 *   http-error / timeout / rate-limit / business-error / apply-then-fail / corrupt) → handler → log.
 * Nothing a client sends can crash it: bad JSON and bad fields are 400 problems.
 */
export interface RestPipeline {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Destroy requests left hanging by `timeout` faults. */
  stop(): void;
}

const MAX_BODY = 1_000_000;

export function createRestPipeline(options: {
  deps: RestDeps;
  limiter: RateLimiter;
  faults: FaultRegistry;
  log: RequestLog;
  now: () => number;
  /** True while the gateway is out of reach: connections are reset before anything is answered. */
  offline?: () => boolean;
}): RestPipeline {
  const { deps, limiter, faults, log, now } = options;
  const hanging = new Set<ServerResponse>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const write = (res: ServerResponse, reply: RestReply, headers: Record<string, string> = {}): void => {
    if (res.writableEnded || res.destroyed) return;
    // The exchange's own clock (which tests move or skew), not the host's: the guard keeps server time by it.
    res.setHeader('date', new Date(now()).toUTCString());
    if (reply.text !== undefined) {
      res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(reply.text);
      return;
    }
    const problem = reply.status === 400;
    const payload = reply.body === undefined || reply.body === null ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': problem ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
      ...headers,
    });
    res.end(payload);
  };

  const run = async (req: IncomingMessage, res: ServerResponse, raw: string, started: number, arrived: number) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = findRoute(url.pathname);
    const endpoint = route?.path ?? url.pathname;
    let userName: string | null = null;
    let body: Record<string, unknown> = {};
    const finish = (reply: RestReply | null, headers: Record<string, string> = {}) => {
      if (reply) write(res, reply, headers);
      const success =
        reply && typeof reply.body === 'object' && reply.body !== null && 'success' in reply.body
          ? Boolean((reply.body as { success: unknown }).success)
          : null;
      log.add({
        at: arrived,
        endpoint,
        userName,
        httpStatus: reply?.status ?? 0,
        success,
        durationMs: performance.now() - started,
        body: redact(body),
      });
    };

    if (!route) return finish({ status: 404, body: null });
    const pingRoute = route.path === '/api/Status/ping';
    if (req.method !== 'POST' && !(pingRoute && req.method === 'GET')) return finish({ status: 405, body: null });
    if (raw.trim().length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          return finish(badRequest({ $: ['The request body must be a JSON object.'] }));
        body = parsed as Record<string, unknown>;
      } catch {
        return finish(badRequest({ $: ['The request body is not valid JSON.'] }));
      }
    }

    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (route.auth) {
      const check = deps.sessions.check(token);
      const expiredValidate = !check.ok && check.reason === 'expired' && route.path === '/api/Auth/validate';
      if (!check.ok && !expiredValidate) return finish({ status: 401, body: null }, { 'www-authenticate': 'Bearer' });
      userName = check.ok ? check.userName : (check.userName ?? null);
    } else if (route.path === '/api/Auth/loginKey' && typeof body.userName === 'string') {
      userName = body.userName;
    }

    const wait = limiter.take(userName ?? `anon:${req.socket.remoteAddress ?? ''}`, bucketOf(route.path));
    if (wait !== null) return finish({ status: 429, body: null }, { 'retry-after': String(wait) });

    const plan = faults.forRest(route.path);
    if (plan.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, plan.latencyMs);
        timers.add(t);
      });
    }
    const request = { userName, token, body };
    const effect = plan.effect;
    if (effect) {
      switch (effect.type) {
        case 'http-error':
          return finish({ status: effect.status, body: { title: 'Simulated server error', status: effect.status } });
        case 'timeout':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return finish(null);
        case 'rate-limit':
          return finish(
            { status: 429, body: null },
            effect.retryAfterSec === undefined ? {} : { 'retry-after': String(effect.retryAfterSec) },
          );
        case 'business-error':
          return finish({
            status: 200,
            body: { success: false, errorCode: effect.errorCode, errorMessage: effect.errorMessage },
          });
        case 'apply-then-fail': {
          const applied = route.handler(request, deps);
          if (effect.status !== undefined) return finish({ status: effect.status, body: null });
          log.add({
            at: arrived,
            endpoint,
            userName,
            httpStatus: 0,
            success: successOf(applied),
            durationMs: performance.now() - started,
            body: redact(body),
          });
          res.socket?.destroy();
          return;
        }
        case 'corrupt':
          return finish(corruptReply(route.handler(request, deps), effect.path, effect.value));
        default:
          break;
      }
    }
    return finish(route.handler(request, deps));
  };

  return {
    handle(req, res) {
      if (options.offline?.()) {
        req.socket.destroy();
        return;
      }
      const started = performance.now();
      const arrived = now();
      let raw = '';
      let tooBig = false;
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        if (tooBig) return;
        raw += chunk;
        if (raw.length > MAX_BODY) {
          tooBig = true;
          write(res, { status: 413, body: null });
        }
      });
      req.on('end', () => {
        if (tooBig) return;
        run(req, res, raw, started, arrived).catch((err: unknown) => {
          write(res, { status: 500, body: { title: 'Simulator error', detail: String(err), status: 500 } });
        });
      });
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const res of hanging) res.socket?.destroy();
      hanging.clear();
    },
  };
}

function successOf(reply: RestReply): boolean | null {
  const b = reply.body;
  return typeof b === 'object' && b !== null && 'success' in b ? Boolean((b as { success: unknown }).success) : null;
}

/** The request log never keeps an API key. */
function redact(body: Record<string, unknown>): unknown {
  return 'apiKey' in body ? { ...body, apiKey: '***' } : body;
}
