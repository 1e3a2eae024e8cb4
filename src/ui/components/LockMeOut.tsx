import { useState } from 'preact/hooks';
import { errorMessage } from '../../core/error-message';
import type { GuardClient } from '../../messaging/client';
import type { LockMeOutRequestView, LockPlanView } from '../../messaging/protocol';
import { formatChicagoDateTime, formatDuration } from '../format';

/**
 * "Lock me out": the trader picks the accounts (one, a copy-trading group, all) and the end
 * (end of the trading day, end of a session, a chosen time); the worker names the accounts and
 * the exact end; only a second, explicit confirmation locks — irreversibly until it ends.
 */

type TargetType = LockMeOutRequestView['target']['type'];
type UntilType = LockMeOutRequestView['until']['type'];
type Session = Extract<LockMeOutRequestView['until'], { type: 'session' }>['session'];

const SESSION_LABELS: Record<Session, string> = {
  asia: 'Asia (ends 02:00 CT)',
  london: 'London (ends 08:30 CT)',
  'new-york': 'New York (ends 15:00 CT)',
};

export interface LockMeOutProps {
  client: GuardClient<'previewLockMeOut' | 'lockMeOut'>;
  accounts: ReadonlyArray<{ id: number; name: string }>;
  groups: readonly string[];
  now: () => number;
  idPrefix: string;
}

export function LockMeOut(props: LockMeOutProps) {
  const id = (s: string) => `${props.idPrefix}-${s}`;
  const [target, setTarget] = useState<TargetType>('account');
  const [accountId, setAccountId] = useState<number | null>(props.accounts[0]?.id ?? null);
  const [group, setGroup] = useState<string>(props.groups[0] ?? '');
  const [until, setUntil] = useState<UntilType>('end-of-day');
  const [session, setSession] = useState<Session>('new-york');
  const [at, setAt] = useState('');
  const [plan, setPlan] = useState<{ request: LockMeOutRequestView; view: LockPlanView } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const request = (): LockMeOutRequestView | string => {
    const t: LockMeOutRequestView['target'] | string =
      target === 'all'
        ? { type: 'all' }
        : target === 'group'
          ? group
            ? { type: 'group', name: group }
            : 'Choose a group.'
          : accountId !== null
            ? { type: 'account', accountId }
            : 'Choose an account.';
    if (typeof t === 'string') return t;
    if (until === 'end-of-day') return { target: t, until: { type: 'end-of-day' } };
    if (until === 'session') return { target: t, until: { type: 'session', session } };
    const ms = at ? new Date(at).getTime() : Number.NaN;
    return Number.isNaN(ms) ? 'Choose the time the lock ends.' : { target: t, until: { type: 'at', at: ms } };
  };

  const preview = async () => {
    setMessage(null);
    const r = request();
    if (typeof r === 'string') return setMessage({ text: r, error: true });
    setBusy(true);
    try {
      const view = await props.client.request('previewLockMeOut', r);
      if (view.ok) setPlan({ request: r, view });
      else setMessage({ text: view.message, error: true });
    } catch (e) {
      setMessage({ text: errorMessage(e, 'the guard did not answer'), error: true });
    }
    setBusy(false);
  };

  const confirm = async () => {
    if (!plan || plan.view.endsAt === null) return;
    setBusy(true);
    try {
      const r = await props.client.request('lockMeOut', { ...plan.request, endsAt: plan.view.endsAt, confirm: true });
      setMessage({ text: r.message, error: !r.accepted });
    } catch (e) {
      setMessage({ text: errorMessage(e, 'the guard did not answer'), error: true });
    }
    setPlan(null);
    setBusy(false);
  };

  const names = plan?.view.accountNames.join(', ') ?? '';
  const endsAt = plan?.view.endsAt ?? null;
  return (
    <div class="rg-lock-me-out" data-testid="lock-me-out">
      {!plan && (
        <>
          <div class="rg-field">
            <label for={id('target')}>Lock</label>
            <select id={id('target')} value={target} onChange={(e) => setTarget(e.currentTarget.value as TargetType)}>
              <option value="account">one account</option>
              {props.groups.length > 0 && <option value="group">a copy-trading group</option>}
              <option value="all">all accounts</option>
            </select>
          </div>
          {target === 'account' && (
            <div class="rg-field">
              <label for={id('account')}>Account to lock</label>
              <select
                id={id('account')}
                value={accountId === null ? '' : String(accountId)}
                onChange={(e) => setAccountId(Number(e.currentTarget.value))}
              >
                {props.accounts.map((a) => (
                  <option key={a.id} value={String(a.id)}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {target === 'group' && (
            <div class="rg-field">
              <label for={id('group')}>Group to lock</label>
              <select id={id('group')} value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
                {props.groups.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="rg-field">
            <label for={id('until')}>Until</label>
            <select id={id('until')} value={until} onChange={(e) => setUntil(e.currentTarget.value as UntilType)}>
              <option value="end-of-day">the end of the trading day</option>
              <option value="session">the end of a session</option>
              <option value="at">a time I choose</option>
            </select>
          </div>
          {until === 'session' && (
            <div class="rg-field">
              <label for={id('session')}>Session</label>
              <select id={id('session')} value={session} onChange={(e) => setSession(e.currentTarget.value as Session)}>
                {(Object.keys(SESSION_LABELS) as Session[]).map((s) => (
                  <option key={s} value={s}>
                    {SESSION_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {until === 'at' && (
            <div class="rg-field">
              <label for={id('at')}>Ends at (your local time)</label>
              <input id={id('at')} type="datetime-local" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
            </div>
          )}
          <button type="button" class="rg-btn rg-btn-danger" disabled={busy} onClick={() => void preview()}>
            Lock me out…
          </button>
        </>
      )}
      {plan && endsAt !== null && (
        <div
          role="alertdialog"
          aria-labelledby={id('q')}
          aria-describedby={id('what')}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) setPlan(null);
          }}
        >
          <p id={id('q')}>
            <strong>
              Lock {names} until {formatChicagoDateTime(endsAt)} (in {formatDuration(endsAt - props.now())})?
            </strong>
          </p>
          <p id={id('what')} data-testid="lock-me-out-consequences">
            Now: every position on {names} is closed and every working order cancelled. Until then you cannot trade{' '}
            {plan.view.accountNames.length > 1 ? 'them' : 'it'}: anything opened is closed at once. This cannot be
            undone before it ends — no setting, import or restart shortens it; removing the extension is the one way
            out.
          </p>
          <button
            type="button"
            class="rg-btn rg-btn-danger"
            disabled={busy}
            ref={(el) => el?.focus()}
            onClick={() => void confirm()}
          >
            Yes, lock me out
          </button>{' '}
          <button type="button" class="rg-btn" disabled={busy} onClick={() => setPlan(null)}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p role="status" class={message.error ? 'rg-error' : 'rg-dim'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
