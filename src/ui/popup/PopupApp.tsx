import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { errorMessage } from '../../core/error-message';
import type { GuardClient } from '../../messaging/client';
import type { UpdateNote } from '../../messaging/install-policy';
import type { GuardSnapshot } from '../../messaging/snapshot';
import type { POPUP_ANSWERS } from '../../messaging/view-answers';
import { systemViewClock, useNow, type ViewClock } from '../clock';
import { AccountCard } from '../components/AccountCard';
import { ConfirmAction } from '../components/ConfirmAction';
import { HealthBanner, PendingBanner } from '../components/GuardBanners';
import { GuardProblems } from '../components/GuardProblems';
import { LockMeOut } from '../components/LockMeOut';
import { BASE_CSS } from '../theme';
import { accountView } from '../view-models/account-view';
import { guardProblems } from '../view-models/guard-problems';
import { guardView } from '../view-models/guard-view';
import { UpdateNoteLine } from './UpdateNoteLine';

export interface PopupProps {
  /** Validates only the popup's answers (view-answers.ts): it can send nothing else. */
  client: GuardClient<keyof typeof POPUP_ANSWERS>;
  /** Last snapshot from storage.session, rendered as soon as it is read, until a live one arrives. */
  cached?: GuardSnapshot | null | Promise<GuardSnapshot | null>;
  /** The answer to `getSnapshot` when the entry asked before the first render (entrypoints/popup); else it is asked here, after it. */
  first?: Promise<GuardSnapshot>;
  clock?: ViewClock;
  openOptions: (section?: 'journal') => void;
  /** After an update: what changed, once (storage.local), and how to dismiss it. */
  updateNote?: { note: Promise<UpdateNote | null>; dismiss: () => void };
}

/** Skeleton first, then data: getSnapshot (answered from memory) and the live port. */
export function PopupApp({
  client,
  cached = null,
  first,
  clock = systemViewClock,
  openOptions,
  updateNote,
}: PopupProps) {
  const [snap, setSnap] = useState<GuardSnapshot | null>(cached instanceof Promise ? null : cached);
  const [error, setError] = useState<string | null>(null);
  const [lockOpen, setLockOpen] = useState(false);
  const now = useNow(clock);

  // Layout effects (before the first paint), not effects (after it): an answer already in when
  // the popup renders (the popup asked first: entrypoints/popup/ask-first.ts) is then in its
  // first frame, not the next one.
  useLayoutEffect(() => {
    if (!(cached instanceof Promise)) return;
    void cached.then((c) => {
      if (c) setSnap((prev) => prev ?? c);
    });
  }, [cached]);

  useLayoutEffect(() => {
    let live = true;
    (first ?? client.request('getSnapshot', {}))
      .then((s) => {
        if (live) setSnap((prev) => (prev && prev.generatedAt > s.generatedAt ? prev : s));
      })
      .catch((e: unknown) => {
        if (live) setError(errorMessage(e, 'the guard did not answer'));
      });
    const stop = client.subscribe((s) => {
      setError(null);
      setSnap(s);
    });
    return () => {
      live = false;
      stop();
    };
  }, [client, first]);

  // A mark for the benchmark (tests/bench/popup.ts): when the popup first shows real data.
  useEffect(() => {
    if (snap && typeof performance !== 'undefined' && performance.getEntriesByName('rg:first-data').length === 0) {
      performance.mark('rg:first-data');
    }
  }, [snap]);

  // Countdowns run on the guard's clock (shifted from the wall clock only in local builds).
  const guardNow = now + (snap?.clockOffsetMs ?? 0);
  const guard = useMemo(() => (snap ? guardView(snap, guardNow) : null), [snap, guardNow]);

  return (
    <main class="rg-root" style={{ width: '360px', padding: '8px' }} data-testid="popup-root">
      <style>{BASE_CSS}</style>
      <h1 style={{ fontSize: '15px', margin: '0 0 4px' }}>Risk Guard</h1>
      {updateNote && <UpdateNoteLine note={updateNote.note} onDismiss={updateNote.dismiss} />}
      {error && (
        // Also over a cached snapshot: what it shows may be stale while the guard does not answer.
        <p role="alert" class="rg-error" data-testid="guard-error">
          Guard not answering: {error}
        </p>
      )}
      {!snap && !error && (
        <div role="status" aria-busy="true" aria-label="Loading" data-testid="skeleton">
          <div class="rg-skeleton" />
          <div class="rg-skeleton" style={{ width: '70%' }} />
          <div class="rg-skeleton" style={{ width: '85%' }} />
        </div>
      )}
      {snap && guard && (
        <>
          <HealthBanner vm={guard.health} />
          <GuardProblems problems={guardProblems(snap, guardNow)} />
          {guard.reenterKey && (
            <p class="rg-panel rg-tone-danger" role="alert" data-testid="reenter-key">
              TopstepX refused the stored API key (revoked or wrong): re-enter your API key. Until then the guard cannot
              see your accounts.{' '}
              <button type="button" class="rg-btn" onClick={() => openOptions()}>
                Re-enter API key
              </button>
            </p>
          )}
          {guard.pending && <PendingBanner vm={guard.pending} />}
          {guard.needsCredentials ? (
            <p class="rg-panel rg-tone-warn" role="alert" data-testid="no-credentials">
              No TopstepX API key yet: the guard is not watching anything.{' '}
              <button type="button" class="rg-btn" onClick={() => openOptions()}>
                Connect in Options
              </button>
            </p>
          ) : snap.accounts.length === 0 ? (
            <p class="rg-panel rg-dim">No monitored accounts. Choose them in Options.</p>
          ) : (
            <>
              {snap.accounts.map((a) => (
                <AccountCard
                  key={a.id}
                  vm={accountView(a, guardNow)}
                  onFlatten={async (accountId) =>
                    (await client.request('flattenAccount', { accountId, confirm: true })).message
                  }
                />
              ))}
              <ConfirmAction
                label="Flatten ALL accounts"
                question="Close every position and cancel every order on every monitored account?"
                confirmLabel="Yes, flatten all"
                onConfirm={async () => (await client.request('flattenAll', { confirm: true })).message}
              />
              <details
                class="rg-panel"
                data-testid="lock-me-out-panel"
                onToggle={(e) => setLockOpen(e.currentTarget.open)}
              >
                <summary>Lock me out</summary>
                {/* Built on opening: the popup's first paint stays as small as it was. */}
                {lockOpen && (
                  <LockMeOut
                    client={client}
                    accounts={snap.accounts.map((a) => ({ id: a.id, name: a.name }))}
                    groups={[...new Set(snap.accounts.flatMap((a) => (a.group ? [a.group] : [])))]}
                    now={() => clock.now() + (snap.clockOffsetMs ?? 0)}
                    idPrefix="rg-popup-lock"
                  />
                )}
              </details>
            </>
          )}
        </>
      )}
      <nav class="rg-row" style={{ marginTop: '8px' }}>
        <button type="button" class="rg-btn" onClick={() => openOptions()}>
          Options
        </button>
        <button type="button" class="rg-btn" onClick={() => openOptions('journal')}>
          Journal
        </button>
      </nav>
    </main>
  );
}
