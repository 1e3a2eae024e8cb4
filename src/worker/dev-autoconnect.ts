import { z } from 'zod';
import { GatewaySchema } from '../messaging/protocol';
import type { GuardHost } from './guard-host';

/**
 * Local builds only: connect without any UI, for a browser nobody can click in (the headless
 * Firefox check, which Playwright cannot drive). The test writes `dev-autoconnect.json` next
 * to the built manifest, in its own copy of the local build, with the simulator's demo
 * credentials and URLs; store builds never call this, and the file is never built in.
 * Applied once: when the guard already has credentials, the file is ignored.
 */
export const DEV_AUTOCONNECT_FILE = '/dev-autoconnect.json';

const DevAutoconnectSchema = z.object({
  userName: z.string().min(1),
  apiKey: z.string().min(1),
  gateway: GatewaySchema,
});

export async function applyDevAutoconnect(
  host: GuardHost,
  load: () => Promise<unknown | null>,
): Promise<'applied' | 'absent' | 'already-configured'> {
  const raw = await load();
  if (raw === null) return 'absent';
  const config = DevAutoconnectSchema.parse(raw);
  const guard = await host.ready();
  if (guard.credentials().configured) return 'already-configured';
  await host.saveCredentials(config.userName, config.apiKey, config.gateway);
  return 'applied';
}

/** Reads the file from the extension's own package; a missing file (404, fetch error) is `null`. */
export async function loadPackagedJson(url: string): Promise<unknown | null> {
  try {
    const res = await globalThis.fetch(url);
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}
