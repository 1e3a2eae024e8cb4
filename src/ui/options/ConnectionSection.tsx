import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../core/error-message';
import type { GuardClient } from '../../messaging/client';
import { hostPermissionOrigins } from '../../messaging/gateway-policy';
import { type Gateway, GatewaySchema, type ResponseOf } from '../../messaging/protocol';

/** The part of `browser.permissions` the page uses (optional host permissions for the simulator). */
export interface HostPermissions {
  request(permissions: { origins: string[] }): Promise<boolean>;
  contains(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

/** What the optional loopback permission covers (wxt.config.ts): given back when TopstepX is chosen again. */
const LOOPBACK_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * User name + API key + gateway. The key goes to the worker once (saveCredentials) and is
 * never read back: the worker answers only { configured, userName }. The field is cleared
 * after saving so the key does not linger in the page.
 *
 * A custom gateway (the simulator, on this computer only) needs an optional host permission:
 * it is asked for in the Save click itself (browsers grant permissions only inside a user
 * gesture), before anything else is awaited. Changing the gateway makes the worker forget
 * the stored key and session: the key is entered again for the new one.
 */
export function ConnectionSection({
  client,
  permissions,
  onStatus,
}: {
  client: GuardClient;
  permissions?: HostPermissions | undefined;
  /** Told the stored status on load and after every save (the page reads the accounts then). */
  onStatus?: ((status: ResponseOf<'getCredentialsStatus'>) => void) | undefined;
}) {
  const [status, setStatusState] = useState<ResponseOf<'getCredentialsStatus'> | null>(null);
  const [editing, setEditing] = useState(false);
  const setStatus = (s: ResponseOf<'getCredentialsStatus'>) => {
    setStatusState(s);
    onStatus?.(s);
  };
  const [userName, setUserName] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [kind, setKind] = useState<Gateway['kind']>('topstepx');
  const [urls, setUrls] = useState({ restBase: '', userHub: '', marketHub: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [test, setTest] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client
      .request('getCredentialsStatus', {})
      .then((s) => {
        setStatus(s);
        if (s.userName) setUserName(s.userName);
        if (s.gateway?.kind === 'custom') {
          setKind('custom');
          setUrls({ restBase: s.gateway.restBase, userHub: s.gateway.userHub, marketHub: s.gateway.marketHub });
        }
      })
      .catch(() => setStatus({ configured: false, userName: null, gateway: null }));
  }, [client]);

  const save = async (e: Event) => {
    e.preventDefault();
    const gateway = GatewaySchema.safeParse(kind === 'topstepx' ? { kind } : { kind, ...urls });
    const next: Record<string, string> = {};
    if (userName.trim() === '') next.userName = 'enter your TopstepX user name';
    if (apiKey.trim() === '') next.apiKey = 'enter your API key';
    if (!gateway.success) for (const i of gateway.error.issues) next[String(i.path[0])] ??= i.message;
    setErrors(next);
    if (Object.keys(next).length > 0 || !gateway.success) return;
    const chosen = gateway.data;
    const origins =
      chosen.kind === 'custom' ? hostPermissionOrigins([chosen.restBase, chosen.userHub, chosen.marketHub]) : [];
    // Still inside the click: the browser shows its prompt only for a request made here.
    // A build that requires the permission may refuse to "request" it: then it is held or not.
    const allowed =
      permissions && origins.length > 0
        ? permissions.request({ origins }).catch(() => permissions.contains({ origins }))
        : Promise.resolve(true);
    setBusy(true);
    try {
      if (!(await allowed)) {
        setMessage({ text: `Not saved: allow access to ${origins.join(', ')} to use this gateway.`, ok: false });
        return;
      }
      const r = await client.request('saveCredentials', { userName: userName.trim(), apiKey, gateway: chosen });
      setApiKey('');
      setStatus({ configured: true, userName: r.userName, gateway: chosen, keyRefused: false });
      setEditing(false);
      setMessage({ text: `Saved for ${r.userName}. The key is stored encrypted and never shown again.`, ok: true });
      void runTest();
      // Least privilege: the simulator's permission is given back once TopstepX is in use
      // (a build that requires it refuses, which is fine).
      if (chosen.kind === 'topstepx') void permissions?.remove({ origins: LOOPBACK_ORIGINS }).catch(() => false);
    } catch (error) {
      setMessage({ text: `Not saved: ${errorMessage(error, 'failed')}`, ok: false });
    } finally {
      setBusy(false);
    }
  };
  const storedKind = status?.gateway?.kind ?? 'topstepx';
  const changingGateway =
    status?.configured === true &&
    (kind !== storedKind ||
      (kind === 'custom' &&
        status.gateway?.kind === 'custom' &&
        (urls.restBase !== status.gateway.restBase ||
          urls.userHub !== status.gateway.userHub ||
          urls.marketHub !== status.gateway.marketHub)));

  const runTest = async () => {
    setTest({ text: 'Testing\u2026', ok: true });
    try {
      const r = await client.request('testConnection', {});
      setTest({
        ok: r.ok,
        text: r.ok ? `\u2713 ${r.message}` : `\u2717 Not connected: ${r.message}`,
      });
    } catch (error) {
      setTest({ ok: false, text: `\u2717 Failed: ${errorMessage(error, 'no answer')}` });
    }
  };

  const field = (id: string, label: string, input: preact.ComponentChildren) => (
    <div class="rg-field">
      <label for={id}>{label}</label>
      {input}
      {errors[id.replace('rg-conn-', '')] && (
        <small id={`${id}-error`} class="rg-error" role="alert">
          {errors[id.replace('rg-conn-', '')]}
        </small>
      )}
    </div>
  );
  const invalid = (k: string) => (errors[k] ? { 'aria-invalid': true, 'aria-describedby': `rg-conn-${k}-error` } : {});

  const connected = status?.configured === true && !status.keyRefused;
  const showForm = status !== null && (!connected || editing);
  const gatewayWords =
    status?.gateway?.kind === 'custom' ? `custom gateway ${status.gateway.restBase}` : 'TopstepX (api.topstepx.com)';
  return (
    <section class={`rg-panel${connected ? ' rg-step-done' : ''}`} aria-labelledby="rg-conn-h" id="connection">
      <div class="rg-step-h">
        <span class="rg-step-n" aria-hidden="true">
          {connected ? '\u2713' : '1'}
        </span>
        <h2 id="rg-conn-h">Connect to TopstepX</h2>
      </div>
      <p
        data-testid="credentials-status"
        class={status?.keyRefused ? 'rg-error' : status?.configured ? 'rg-tone-ok' : 'rg-tone-warn'}
        role={status?.keyRefused ? 'alert' : undefined}
      >
        {status === null
          ? 'Checking\u2026'
          : status.keyRefused
            ? `\u2717 TopstepX refused the stored API key for ${status.userName ?? 'you'} (revoked or wrong): re-enter your API key. Until then the guard cannot see your accounts.`
            : status.configured
              ? `\u2713 API key stored for ${status.userName ?? 'you'}, ${gatewayWords}.`
              : 'Start here: your TopstepX user name and an API key (TopstepX \u203a Settings \u203a API). Until then the guard is not watching anything.'}
      </p>
      {connected && !editing && (
        <div class="rg-row" style={{ justifyContent: 'flex-start' }}>
          <button type="button" class="rg-btn" onClick={() => void runTest()}>
            Test connection
          </button>
          <button type="button" class="rg-btn" onClick={() => setEditing(true)}>
            Change connection
          </button>
        </div>
      )}
      {showForm && (
        <form onSubmit={(e) => void save(e)} noValidate>
          <div class="rg-cols">
            {field(
              'rg-conn-userName',
              'TopstepX user name',
              <input
                id="rg-conn-userName"
                type="text"
                autocomplete="username"
                value={userName}
                onInput={(e) => setUserName(e.currentTarget.value)}
                {...invalid('userName')}
              />,
            )}
            {field(
              'rg-conn-apiKey',
              'API key',
              <input
                id="rg-conn-apiKey"
                type="password"
                autocomplete="off"
                spellcheck={false}
                value={apiKey}
                onInput={(e) => setApiKey(e.currentTarget.value)}
                {...invalid('apiKey')}
              />,
            )}
            {field(
              'rg-conn-gateway',
              'Gateway',
              <select
                id="rg-conn-gateway"
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as Gateway['kind'])}
              >
                <option value="topstepx">TopstepX (api.topstepx.com)</option>
                <option value="custom">Custom (simulator on this computer)</option>
              </select>,
            )}
            {kind === 'custom' &&
              (
                [
                  ['restBase', 'REST base URL'],
                  ['userHub', 'User hub URL'],
                  ['marketHub', 'Market hub URL'],
                ] as const
              ).map(([k, label]) =>
                field(
                  `rg-conn-${k}`,
                  label,
                  <input
                    id={`rg-conn-${k}`}
                    type="url"
                    value={urls[k]}
                    onInput={(e) => setUrls({ ...urls, [k]: e.currentTarget.value })}
                    {...invalid(k)}
                  />,
                ),
              )}
          </div>
          {changingGateway && (
            <p class="rg-tone-warn" data-testid="gateway-change">
              Changing the gateway forgets the stored API key and session: enter the API key for the new gateway.
            </p>
          )}
          <div class="rg-row">
            <button type="submit" class="rg-btn" disabled={busy}>
              Save connection
            </button>
            {editing && (
              <button type="button" class="rg-btn" onClick={() => setEditing(false)}>
                Keep the stored connection
              </button>
            )}
          </div>
        </form>
      )}
      {message && (
        <p role="status" class={message.ok ? 'rg-tone-ok' : 'rg-error'}>
          {message.text}
        </p>
      )}
      {test && (
        <p role="status" data-testid="test-result" class={test.ok ? 'rg-tone-ok' : 'rg-error'}>
          {test.text}
        </p>
      )}
    </section>
  );
}
