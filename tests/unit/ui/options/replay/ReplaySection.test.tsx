// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReplayStatus } from '../../../../../src/messaging/replay';
import { ReplaySection } from '../../../../../src/ui/options/replay/ReplaySection';
import { fakeClient } from '../../fake-client';
import { breachWeek } from './replay-fixture';

afterEach(cleanup);

const ACCOUNTS = [
  { id: 4100, name: 'TEST-50K', canTrade: true },
  { id: 4200, name: 'TEST-150K', canTrade: true },
];

function status(over: Partial<ReplayStatus>): ReplayStatus {
  return {
    jobId: 'job-1',
    state: 'running',
    phase: 'trades',
    done: 1,
    total: 4,
    message: 'Reading your trades…',
    failures: [],
    result: null,
    ...over,
  };
}

function setup(statuses: ReplayStatus[], props: { draftProblems?: number } = {}) {
  let i = 0;
  const f = fakeClient({
    startReplay: () => ({ ok: true, jobId: 'job-1', problems: [] }),
    replayStatus: () => statuses[Math.min(i++, statuses.length - 1)] as ReplayStatus,
    cancelReplay: () => ({ cancelled: true }),
  });
  const download = vi.fn();
  const draft = { defaultProfile: { rules: { dailyRealizedLoss: { mode: 'enforce', limit: 500 } } } };
  render(
    <ReplaySection
      client={f.client}
      accounts={ACCOUNTS}
      draft={draft}
      draftProblems={props.draftProblems ?? 0}
      download={download}
      now={() => Date.UTC(2026, 10, 20)}
    />,
  );
  return { ...f, download, draft };
}

describe('the replay section', () => {
  it('replays the settings as edited, for every account, the last 20 trading days by default', async () => {
    const { requests, draft } = setup([status({ state: 'done', phase: 'done', result: breachWeek() })]);
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    await screen.findByTestId('replay-result');
    expect(requests[0]).toEqual({
      type: 'startReplay',
      payload: {
        accountIds: [4100, 4200],
        range: { kind: 'last', tradingDays: 20 },
        monitorAs: 'enforce',
        bars: true,
        config: draft,
      },
    });
    expect(screen.getByTestId('replay-headline').textContent).toContain('the rules would have saved $207.40');
    expect(screen.getByTestId('replay-worst').textContent).toContain('−$718.50');
    expect(screen.getByTestId('replay-worst').textContent).toContain('−$511.10');
    expect(screen.getByTestId('replay-curve').querySelectorAll('polyline')).toHaveLength(2);
    expect(screen.getByTestId('replay-days').querySelectorAll('tbody tr')).toHaveLength(2);
    expect(screen.getByTestId('replay-rules').textContent).toContain('Daily realized loss');
  });

  it('sends the saved settings, chosen dates, accounts picked and record-only when asked', async () => {
    const { requests } = setup([status({ state: 'done', phase: 'done', result: breachWeek() })]);
    fireEvent.change(screen.getByLabelText('Range'), { target: { value: 'dates' } });
    fireEvent.input(screen.getByLabelText('From (trading day)'), { target: { value: '2026-11-02' } });
    fireEvent.input(screen.getByLabelText('To'), { target: { value: '2026-11-19' } });
    fireEvent.change(screen.getByLabelText('Settings'), { target: { value: 'saved' } });
    fireEvent.click(screen.getByLabelText('TEST-150K'));
    fireEvent.click(screen.getByLabelText('Rules in monitor mode act as if enforcing'));
    fireEvent.click(screen.getByLabelText(/Load minute bars/));
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    await screen.findByTestId('replay-result');
    expect(requests[0]?.payload).toEqual({
      accountIds: [4100],
      range: { kind: 'dates', from: '2026-11-02', to: '2026-11-19' },
      monitorAs: 'record',
      bars: false,
    });
  });

  it('shows progress while it runs and can be cancelled', async () => {
    const { requests } = setup([status({ done: 1, total: 4 }), status({ state: 'cancelled', message: 'Cancelled.' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    const progress = await screen.findByRole('progressbar');
    expect(progress.getAttribute('value')).toBe('1');
    expect(screen.getByTestId('replay-progress').textContent).toContain('Reading your trades… (1 of 4 requests)');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByTestId('replay-progress').textContent).toContain('Cancelled.'));
    expect(requests.map((r) => r.type)).toContain('cancelReplay');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows every problem the guard found and starts nothing', async () => {
    const f = fakeClient({
      startReplay: () => ({
        ok: false,
        jobId: null,
        problems: [{ path: 'range', message: 'the range has not begun yet' }],
      }),
    });
    render(
      <ReplaySection
        client={f.client}
        accounts={ACCOUNTS}
        draft={{}}
        draftProblems={0}
        download={() => {}}
        now={() => 0}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect((await screen.findByTestId('replay-problems')).textContent).toContain('range: the range has not begun yet');
  });

  it('will not replay a draft with problems, and says why', () => {
    setup([], { draftProblems: 2 });
    expect(screen.getByRole('button', { name: 'Replay' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('2 problem(s)');
    fireEvent.change(screen.getByLabelText('Settings'), { target: { value: 'saved' } });
    expect(screen.getByRole('button', { name: 'Replay' }).hasAttribute('disabled')).toBe(false);
  });

  it('downloads the per-day table as CSV', async () => {
    const { download } = setup([status({ state: 'done', phase: 'done', result: breachWeek() })]);
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ mime: 'text/csv' }));
    expect(String(download.mock.calls[0]?.[0].content)).toContain('2026-11-18,TEST-50K,-718.5,-511.1');
  });
});
