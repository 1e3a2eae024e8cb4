/**
 * Hides tokens in text bound for the journal: a browser's WebSocket errors quote the hub URL,
 * which carries the JWT as `access_token`, and some transports echo the Authorization header.
 */
export function redactTokens(text: string): string {
  return text.replace(/(access_token=)[^&\s"]+/gi, '$1[redacted]').replace(/(Bearer\s+)[\w.~+/=-]+/g, '$1[redacted]');
}
