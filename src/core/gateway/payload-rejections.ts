import type { Journal } from '../journal/journal';
import type { Clock } from '../ports';

/**
 * Gateway payloads that failed validation, whichever way they came (a hub event, a REST
 * answer): never dropped silently. Each one is counted by kind (`user:GatewayUserTrade`,
 * `rest:Trade/search`) and reason; the first of each kind is journaled ('malformed-event'),
 * redacted: every number in the reason becomes N (account, order and trade ids), and the
 * payload is described by its shape (keys, array lengths), never its values, so no token,
 * key or id reaches the journal or a bug report. Guard health shows the counts.
 */
export interface PayloadRejectionStats {
  rejected: number;
  /** Rejections by kind: `<hub>:<event>` or `rest:<endpoint>`. */
  byKind: Record<string, number>;
  /** Rejections by reason (numbers replaced by N). */
  byReason: Record<string, number>;
}

export interface PayloadRejection {
  kind: string;
  /** Why it failed, e.g. a zod path and message; redacted here before it is kept. */
  reason: string;
  /** The journal line, given the redacted reason. */
  message(reason: string): string;
  /** Shapes and names only, never the payload's values. */
  data: Record<string, unknown>;
}

export interface PayloadRejections {
  record(rejection: PayloadRejection): void;
  stats(): PayloadRejectionStats;
}

/** Numbers (ids, indices) out of a reason: what is left names the field and the fault. */
export function redactReason(reason: string): string {
  return reason.replace(/\d+/g, 'N');
}

/** A value's shape for the journal: `object{id,name}`, `array(3)`, `string`; never its contents. */
export function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `object{${Object.keys(value).slice(0, 12).join(',')}}`;
  return typeof value;
}

export function createPayloadRejections(options: { clock: Clock; journal?: Journal | undefined }): PayloadRejections {
  const stats: PayloadRejectionStats = { rejected: 0, byKind: {}, byReason: {} };
  return {
    record(rejection) {
      stats.rejected += 1;
      const reason = redactReason(rejection.reason);
      stats.byReason[reason] = (stats.byReason[reason] ?? 0) + 1;
      const seen = stats.byKind[rejection.kind] ?? 0;
      stats.byKind[rejection.kind] = seen + 1;
      if (seen > 0) return;
      void options.journal
        ?.append({
          at: options.clock.now(),
          kind: 'malformed-event',
          accountId: null,
          message: rejection.message(reason),
          data: { ...rejection.data, reason },
        })
        .catch(() => undefined);
    },
    stats: () => ({ rejected: stats.rejected, byKind: { ...stats.byKind }, byReason: { ...stats.byReason } }),
  };
}

/** Several sources' rejections as one figure for guard health (their kinds never overlap). */
export function mergeRejectionStats(...all: readonly PayloadRejectionStats[]): PayloadRejectionStats {
  const out: PayloadRejectionStats = { rejected: 0, byKind: {}, byReason: {} };
  for (const s of all) {
    out.rejected += s.rejected;
    for (const [k, n] of Object.entries(s.byKind)) out.byKind[k] = (out.byKind[k] ?? 0) + n;
    for (const [k, n] of Object.entries(s.byReason)) out.byReason[k] = (out.byReason[k] ?? 0) + n;
  }
  return out;
}

/**
 * A REST answer that failed validation (2xx, but not JSON, no envelope, or a payload its
 * schema refuses), as a rejection of kind `rest:<endpoint>` (`/api/Trade/search` → `rest:Trade/search`).
 */
export function restRejection(endpoint: string, reason: string, body: string): PayloadRejection {
  const name = endpoint.replace(/^\/api\//, '');
  let answer: string;
  try {
    answer = shapeOf(JSON.parse(body));
  } catch {
    answer = 'not JSON';
  }
  return {
    kind: `rest:${name.replace(/[^\w./-]/g, '_').slice(0, 60)}`,
    reason,
    message: (r) =>
      `REST ${name}: answer failed validation (${r}); the call failed, nothing from it was applied (first of its kind; every one is counted in guard health)`,
    data: { endpoint, answer },
  };
}
