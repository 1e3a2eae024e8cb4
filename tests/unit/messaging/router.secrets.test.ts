import { describe, expect, it } from 'vitest';
import { SNAPSHOT_PORT } from '../../../src/messaging/protocol';
import type { GuardSnapshot } from '../../../src/messaging/snapshot';
import { contentScript, fakePort, makeHandlers, popup, router, SECRET_KEY, SECRET_TOKEN } from './router-fixture';
import { snapshot } from './snapshot-fixtures';

describe('message router: secrets never leave the worker', () => {
  it('strips a token or key a handler adds to the snapshot by mistake', async () => {
    const h = makeHandlers();
    const leaky = { ...snapshot(), token: SECRET_TOKEN, apiKey: SECRET_KEY } as GuardSnapshot;
    leaky.accounts = [{ ...leaky.accounts[0], sessionToken: SECRET_TOKEN } as GuardSnapshot['accounts'][number]];
    h.getSnapshot = () => leaky;
    const { r } = router(h);
    const out = await r.handleMessage({ type: 'getSnapshot' }, contentScript);
    expect(out.ok).toBe(true);
    const text = JSON.stringify(out);
    expect(text).not.toContain(SECRET_TOKEN);
    expect(text).not.toContain(SECRET_KEY);
  });

  it('answers saveCredentials with configured and the user name only, never the key', async () => {
    const h = makeHandlers();
    h.saveCredentials = (req) =>
      ({ configured: true, userName: req.userName, apiKey: req.apiKey }) as { configured: true; userName: string };
    const { r } = router(h);
    const out = await r.handleMessage(
      { type: 'saveCredentials', userName: 'trader1', apiKey: SECRET_KEY, gateway: { kind: 'topstepx' } },
      popup,
    );
    expect(out).toEqual({ ok: true, data: { configured: true, userName: 'trader1' } });
  });

  it('does not echo the API key in a validation error', async () => {
    const { r } = router();
    const out = await r.handleMessage(
      { type: 'saveCredentials', userName: '', apiKey: SECRET_KEY, gateway: { kind: 'nope' } },
      popup,
    );
    expect(out.ok).toBe(false);
    expect(JSON.stringify(out)).not.toContain(SECRET_KEY);
  });

  it('strips secrets from snapshots pushed on the port', () => {
    const h = makeHandlers();
    const pushes: ((s: GuardSnapshot) => void)[] = [];
    h.subscribe = (p) => {
      pushes.push(p);
      return () => {};
    };
    const { r } = router(h);
    const port = fakePort(SNAPSHOT_PORT, contentScript);
    r.handleConnect(port);
    expect(pushes).toHaveLength(1);
    for (const push of pushes) push({ ...snapshot(), token: SECRET_TOKEN } as GuardSnapshot);
    expect(port.posted).toHaveLength(1);
    expect(JSON.stringify(port.posted)).not.toContain(SECRET_TOKEN);
  });
});
