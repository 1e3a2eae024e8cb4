import type { z } from 'zod';

/**
 * The probe's tally: per endpoint or hub event, how many payloads came, how many the guard's
 * schemas (and its event parser) accepted, each rejection with its zod path, and the fields
 * the schemas do not know. Redacted before it is written: no key, token, user or account id.
 */
export interface KindTally {
  payloads: number;
  accepted: number;
  rejected: number;
  /** "path: message" → count. */
  rejections: Record<string, number>;
  /** Field name → how many payloads carried it (names only, never values). */
  unknownFields: Record<string, number>;
}

export interface ProbeReport {
  tool: 'topstepx-risk-guard probe';
  gateway: string;
  startedAt: string;
  listenedSeconds: number;
  kinds: Record<string, KindTally>;
  /** Connection or call failures (not payload rejections). */
  errors: string[];
  totals: { payloads: number; rejected: number };
}

export function createTally(gateway: string, startedAt: number) {
  const kinds: Record<string, KindTally> = {};
  const errors: string[] = [];
  const of = (kind: string): KindTally => {
    kinds[kind] ??= { payloads: 0, accepted: 0, rejected: 0, rejections: {}, unknownFields: {} };
    return kinds[kind];
  };
  return {
    /** One payload checked against one schema; `also` is a further verdict (the guard's parser). */
    check(kind: string, schema: z.ZodType, payload: unknown, also?: string | null): boolean {
      const t = of(kind);
      t.payloads += 1;
      for (const f of unknownFieldsOf(schema, payload)) t.unknownFields[f] = (t.unknownFields[f] ?? 0) + 1;
      const r = schema.safeParse(payload);
      const problems = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      if (r.success && also) problems.push(`guard parser: ${also}`);
      if (problems.length === 0) {
        t.accepted += 1;
        return true;
      }
      t.rejected += 1;
      for (const p of problems) t.rejections[p] = (t.rejections[p] ?? 0) + 1;
      return false;
    },
    /** A payload rejected before any schema applies (not JSON, not an envelope, a parser refusal). */
    reject(kind: string, why: string): void {
      const t = of(kind);
      t.payloads += 1;
      t.rejected += 1;
      t.rejections[why] = (t.rejections[why] ?? 0) + 1;
    },
    /** A kind that was asked for, listed even when nothing came. */
    seen(kind: string): void {
      of(kind);
    },
    error(message: string): void {
      errors.push(message);
    },
    report(listenedSeconds: number): ProbeReport {
      const values = Object.values(kinds);
      return {
        tool: 'topstepx-risk-guard probe',
        gateway,
        startedAt: new Date(startedAt).toISOString(),
        listenedSeconds,
        kinds,
        errors,
        totals: {
          payloads: values.reduce((n, k) => n + k.payloads, 0),
          rejected: values.reduce((n, k) => n + k.rejected, 0),
        },
      };
    },
  };
}

/** Top-level keys of an object payload that a (loose) object schema does not name. */
export function unknownFieldsOf(schema: z.ZodType, payload: unknown): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (!shape || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [];
  return Object.keys(payload).filter((k) => !(k in shape));
}

/**
 * The report as text with every secret and identifier replaced: the API key, every token
 * seen (and anything shaped like a JWT), the user name, every account id (as a whole number).
 */
export function redact(
  text: string,
  secrets: { apiKey: string; tokens: readonly string[]; user: string; accountIds: readonly number[] },
): string {
  let out = text;
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const t of [secrets.apiKey, ...secrets.tokens]) if (t) out = out.split(t).join('<redacted>');
  out = out.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '<redacted-jwt>');
  if (secrets.user) out = out.replace(new RegExp(`(?<![\\w-])${literal(secrets.user)}(?![\\w-])`, 'g'), '<user>');
  for (const id of secrets.accountIds) out = out.replace(new RegExp(`(?<![\\d.])${id}(?![\\d.])`, 'g'), '<account>');
  return out;
}

/** The human summary, one line per kind, and the closing line `probe: N payloads, N rejected`. */
export function summary(report: ProbeReport): string[] {
  const lines = [`probe of ${report.gateway}, listened ${report.listenedSeconds} s`];
  for (const [kind, t] of Object.entries(report.kinds).sort()) {
    const unknown = Object.keys(t.unknownFields);
    lines.push(
      `  ${kind}: ${t.payloads} payload(s), ${t.accepted} accepted, ${t.rejected} rejected` +
        (unknown.length > 0 ? `; fields not in the schema: ${unknown.join(', ')}` : ''),
    );
    for (const [why, n] of Object.entries(t.rejections)) lines.push(`      rejected ×${n}: ${why}`);
  }
  for (const e of report.errors) lines.push(`  error: ${e}`);
  lines.push(`probe: ${report.totals.payloads} payloads, ${report.totals.rejected} rejected`);
  return lines;
}
