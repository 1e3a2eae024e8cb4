// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionSection } from '../../../../src/ui/options/ConnectionSection';
import { fakeClient } from '../fake-client';

afterEach(cleanup);
const KEY = 'sk-secret-0123456789';

function setup(configured = false, extra = {}) {
  const f = fakeClient({
    getCredentialsStatus: () => ({
      configured,
      userName: configured ? 'trader1' : null,
      gateway: configured ? { kind: 'topstepx' as const } : null,
    }),
    saveCredentials: (p) => ({ configured: true as const, userName: String(p.userName) }),
    testConnection: () => ({ ok: true, message: 'signed in as trader1', accountCount: 2 }),
    ...extra,
  });
  render(<ConnectionSection client={f.client} />);
  return f;
}

describe('connection section', () => {
  it('says where to start when no API key is stored, with the form open', async () => {
    setup(false);
    expect((await screen.findByText(/Start here/)).textContent).toContain('not watching anything');
    expect(screen.getByLabelText('TopstepX user name')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull();
  });

  it('folds to one line once connected, the form a click away', async () => {
    setup(true);
    expect((await screen.findByTestId('credentials-status')).textContent).toContain(
      'API key stored for trader1, TopstepX',
    );
    expect(screen.queryByLabelText('API key')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Change connection' }));
    expect(screen.getByLabelText('API key')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep the stored connection' }));
    expect(screen.queryByLabelText('API key')).toBeNull();
  });

  it('sends the key once and clears it from the page; the answer never holds it', async () => {
    const f = setup(false);
    await screen.findByText(/Start here/);
    fireEvent.input(screen.getByLabelText('TopstepX user name'), { target: { value: 'trader1' } });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByText(/Saved for trader1/);
    expect(f.requests.filter((r) => r.type === 'saveCredentials')).toEqual([
      { type: 'saveCredentials', payload: { userName: 'trader1', apiKey: KEY, gateway: { kind: 'topstepx' } } },
    ]);
    // The form folds away with the key; the connection is tested at once.
    expect(screen.queryByLabelText('API key')).toBeNull();
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(screen.getByTestId('credentials-status').textContent).toContain('API key stored for trader1');
    expect((await screen.findByTestId('test-result')).textContent).toBe('\u2713 signed in as trader1');
    fireEvent.click(screen.getByRole('button', { name: 'Change connection' }));
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');
  });

  it('says the stored key was refused and asks to re-enter it', async () => {
    setup(true, {
      getCredentialsStatus: () => ({
        configured: true,
        userName: 'trader1',
        gateway: { kind: 'topstepx' as const },
        keyRefused: true,
      }),
    });
    const status = await screen.findByText(/refused the stored API key/);
    expect(status.textContent).toContain('re-enter your API key');
    expect(status.getAttribute('role')).toBe('alert');
  });

  it('uses a password field for the key', async () => {
    setup();
    expect((await screen.findByLabelText('API key')).getAttribute('type')).toBe('password');
  });

  it('asks for the simulator URLs with a custom gateway and rejects non-http ones by field', async () => {
    const f = setup(false);
    fireEvent.change(await screen.findByLabelText('Gateway'), { target: { value: 'custom' } });
    fireEvent.input(screen.getByLabelText('TopstepX user name'), { target: { value: 'u' } });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'k' } });
    fireEvent.input(screen.getByLabelText('REST base URL'), { target: { value: 'http://127.0.0.1:5100' } });
    fireEvent.input(screen.getByLabelText('User hub URL'), { target: { value: 'ftp://x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual(['enter an http(s) URL', 'enter an http(s) URL']);
    expect(screen.getByLabelText('User hub URL').getAttribute('aria-invalid')).toBe('true');
    expect(f.requests.some((r) => r.type === 'saveCredentials')).toBe(false);
    fireEvent.input(screen.getByLabelText('User hub URL'), { target: { value: 'http://127.0.0.1:5100/hubs/user' } });
    fireEvent.input(screen.getByLabelText('Market hub URL'), {
      target: { value: 'http://127.0.0.1:5100/hubs/market' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByText(/Saved for u/);
    expect(f.requests.find((r) => r.type === 'saveCredentials')?.payload.gateway).toEqual({
      kind: 'custom',
      restBase: 'http://127.0.0.1:5100',
      userHub: 'http://127.0.0.1:5100/hubs/user',
      marketHub: 'http://127.0.0.1:5100/hubs/market',
    });
  });

  it('requires a user name and a key', async () => {
    const f = setup(false);
    fireEvent.click(await screen.findByRole('button', { name: 'Save connection' }));
    expect(await screen.findByText('enter your API key')).toBeTruthy();
    expect(screen.getByText('enter your TopstepX user name')).toBeTruthy();
    expect(f.requests.some((r) => r.type === 'saveCredentials')).toBe(false);
  });

  it('tests the connection and shows a clear result', async () => {
    setup(true);
    await screen.findByText(/API key stored for trader1/);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByTestId('test-result')).textContent).toBe('\u2713 signed in as trader1');
  });

  it('shows a failed test in words and red', async () => {
    setup(true, { testConnection: () => ({ ok: false, message: 'API key rejected (401)', accountCount: null }) });
    await screen.findByText(/API key stored/);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const r = await screen.findByTestId('test-result');
    expect(r.textContent).toBe('\u2717 Not connected: API key rejected (401)');
    expect(r.className).toContain('rg-error');
  });
});

describe('connection section: the gateway', () => {
  const SIM = {
    restBase: 'http://127.0.0.1:5100',
    userHub: 'http://127.0.0.1:5100/hubs/user',
    marketHub: 'http://127.0.0.1:5100/hubs/market',
  };

  function permissions(granted: boolean, f: { requests: unknown[] }) {
    const seenAtRequest: number[] = [];
    return {
      seenAtRequest,
      api: {
        request: vi.fn((_: { origins: string[] }) => {
          seenAtRequest.push(f.requests.filter((r) => (r as { type: string }).type === 'saveCredentials').length);
          return Promise.resolve(granted);
        }),
        contains: vi.fn(async (_: { origins: string[] }) => granted),
        remove: vi.fn(async (_: { origins: string[] }) => true),
      },
    };
  }

  function renderWith(granted: boolean, stored: 'topstepx' | 'custom' = 'topstepx') {
    const f = fakeClient({
      getCredentialsStatus: () => ({
        configured: true,
        userName: 'trader1',
        gateway: stored === 'topstepx' ? { kind: 'topstepx' as const } : { kind: 'custom' as const, ...SIM },
      }),
      saveCredentials: (p) => ({ configured: true as const, userName: String(p.userName) }),
    });
    const p = permissions(granted, f);
    render(<ConnectionSection client={f.client} permissions={p.api} />);
    return { ...f, ...p };
  }

  function fillCustom(urls = SIM) {
    fireEvent.change(screen.getByLabelText('Gateway'), { target: { value: 'custom' } });
    fireEvent.input(screen.getByLabelText('TopstepX user name'), { target: { value: 'demo' } });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'sim-key' } });
    fireEvent.input(screen.getByLabelText('REST base URL'), { target: { value: urls.restBase } });
    fireEvent.input(screen.getByLabelText('User hub URL'), { target: { value: urls.userHub } });
    fireEvent.input(screen.getByLabelText('Market hub URL'), { target: { value: urls.marketHub } });
  }

  it('asks the browser for the simulator host in the Save click itself, before sending anything', async () => {
    const f = renderWith(true);
    await screen.findByText(/API key stored for trader1/);
    fireEvent.click(screen.getByRole('button', { name: 'Change connection' }));
    fillCustom();
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    expect(f.api.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(f.seenAtRequest).toEqual([0]);
    await screen.findByText(/Saved for demo/);
    expect(f.requests.filter((r) => r.type === 'saveCredentials')).toHaveLength(1);
  });

  it('saves nothing when the browser access is refused, and says why', async () => {
    const f = renderWith(false);
    await screen.findByText(/API key stored for trader1/);
    fireEvent.click(screen.getByRole('button', { name: 'Change connection' }));
    fillCustom();
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    expect((await screen.findByText(/Not saved/)).textContent).toContain('allow access to http://127.0.0.1/*');
    expect(f.requests.some((r) => r.type === 'saveCredentials')).toBe(false);
  });

  it('refuses a custom gateway that is not on this computer, by field, without asking for any access', async () => {
    const f = renderWith(true);
    await screen.findByText(/API key stored for trader1/);
    fireEvent.click(screen.getByRole('button', { name: 'Change connection' }));
    fillCustom({ ...SIM, restBase: 'https://gateway.example.com' });
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'a custom gateway must run on this computer (127.0.0.1 or localhost)',
    );
    expect(f.api.request).not.toHaveBeenCalled();
    expect(f.requests.some((r) => r.type === 'saveCredentials')).toBe(false);
  });

  it('warns that changing the gateway forgets the stored key, only when it changes', async () => {
    renderWith(true);
    await screen.findByText(/API key stored for trader1/);
    fireEvent.click(screen.getByRole('button', { name: 'Change connection' }));
    expect(screen.queryByTestId('gateway-change')).toBeNull();
    fireEvent.change(screen.getByLabelText('Gateway'), { target: { value: 'custom' } });
    expect(screen.getByTestId('gateway-change').textContent).toContain('forgets the stored API key');
    fireEvent.change(screen.getByLabelText('Gateway'), { target: { value: 'topstepx' } });
    expect(screen.queryByTestId('gateway-change')).toBeNull();
  });

  it('gives the simulator access back once TopstepX is saved again', async () => {
    const f = renderWith(true, 'custom');
    await screen.findByText(/API key stored for trader1/);
    fireEvent.click(screen.getByRole('button', { name: 'Change connection' }));
    fireEvent.change(screen.getByLabelText('Gateway'), { target: { value: 'topstepx' } });
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'live-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByText(/Saved for trader1/);
    expect(f.api.request).not.toHaveBeenCalled();
    expect(f.api.remove).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*', 'http://localhost/*'] });
  });
});
