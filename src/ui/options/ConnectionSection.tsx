import { useEffect, useState } from 'preact/hooks';
import type { GuardClient } from '../../messaging/client';
import { type Gateway, GatewaySchema, type ResponseOf } from '../../messaging/protocol';

/**
 * User name + API key + gateway. The key goes to the worker once (saveCredentials) and is
 * never read back: the worker answers only { configured, userName }. The field is cleared
 * after saving so the key does not linger in the page.
 */
export function ConnectionSection({ client }: { client: GuardClient }) {
  const [status, setStatus] = useState<ResponseOf<'getCredentialsStatus'> | null>(null);
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
    if (!gateway.success) for (const i of gateway.error.issues) next[String(i.path[0])] = 'enter an http(s) URL';
    setErrors(next);
    if (Object.keys(next).length > 0 || !gateway.success) return;
    setBusy(true);
    try {
      const r = await client.request('saveCredentials', { userName: userName.trim(), apiKey, gateway: gateway.data });
      setApiKey('');
      setStatus({ configured: true, userName: r.userName, gateway: gateway.data });
      setMessage({ text: `Saved for ${r.userName}. The key is stored encrypted and never shown again.`, ok: true });
    } catch (error) {
      setMessage({ text: `Not saved: ${error instanceof Error ? error.message : 'failed'}`, ok: false });
    }
    setBusy(false);
  };

  const runTest = async () => {
    setTest({ text: 'Testing\u2026', ok: true });
    try {
      const r = await client.request('testConnection', {});
      setTest({
        ok: r.ok,
        text: r.ok
          ? `\u2713 Connected: ${r.message}${r.accountCount === null ? '' : ` (${r.accountCount} accounts)`}`
          : `\u2717 Failed: ${r.message}`,
      });
    } catch (error) {
      setTest({ ok: false, text: `\u2717 Failed: ${error instanceof Error ? error.message : 'no answer'}` });
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

  return (
    <section class="rg-panel" aria-labelledby="rg-conn-h" id="connection">
      <h2 id="rg-conn-h">Connection</h2>
      <p data-testid="credentials-status" class={status?.configured ? 'rg-tone-ok' : 'rg-tone-warn'}>
        {status === null
          ? 'Checking\u2026'
          : status.configured
            ? `\u2713 API key stored for ${status.userName ?? 'you'}. Enter a new key to replace it.`
            : '! No API key stored yet: the guard is not watching anything.'}
      </p>
      <form onSubmit={(e) => void save(e)} noValidate>
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
          <select id="rg-conn-gateway" value={kind} onChange={(e) => setKind(e.currentTarget.value as Gateway['kind'])}>
            <option value="topstepx">TopstepX (api.topstepx.com)</option>
            <option value="custom">Custom (simulator)</option>
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
        <div class="rg-row">
          <button type="submit" class="rg-btn" disabled={busy}>
            Save connection
          </button>
          <button type="button" class="rg-btn" onClick={() => void runTest()} disabled={!status?.configured}>
            Test connection
          </button>
        </div>
      </form>
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
