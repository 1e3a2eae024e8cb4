import type { RequestLogEntry } from './types';

/** Every REST request with its outcome and duration, for tests that count calls. */
export interface RequestLog {
  add(entry: RequestLogEntry): void;
  list(endpoint?: string): RequestLogEntry[];
  clear(): void;
}

const MAX = 50_000;

export function createRequestLog(): RequestLog {
  let entries: RequestLogEntry[] = [];
  return {
    add(entry) {
      entries.push(entry);
      if (entries.length > MAX) entries = entries.slice(-MAX);
    },
    list(endpoint) {
      const want = endpoint?.toLowerCase();
      return entries.filter((e) => want === undefined || e.endpoint.toLowerCase() === want).map((e) => ({ ...e }));
    },
    clear() {
      entries = [];
    },
  };
}
