import type { RequestLogEntry } from './types';

/** Every REST request with its outcome and duration, for tests that count calls. */
export interface RequestLog {
  add(entry: RequestLogEntry): void;
  list(endpoint?: string): RequestLogEntry[];
  clear(): void;
}

export function createRequestLog(max = 50_000): RequestLog {
  let entries: RequestLogEntry[] = [];
  return {
    add(entry) {
      entries.push(entry);
      // Trimmed in steps of a tenth, not on every request past the cap.
      if (entries.length > max * 1.1) entries = entries.slice(-max);
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
