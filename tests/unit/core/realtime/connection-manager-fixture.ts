import { afterEach, beforeEach, vi } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { systemTimers } from '../../../../src/core/ports';
import {
  type ConnectionManagerOptions,
  createConnectionManager,
} from '../../../../src/core/realtime/connection-manager';
import type { HubHealth } from '../../../../src/core/state/events';
import { createFakeHub, createFakeTokens } from './fake-hub';

/** Shared setup for the connection manager suites: a manager over a fake hub, recording what it reports. */

const clock = { now: () => Date.now() };

export function setup(overrides: Partial<ConnectionManagerOptions> = {}, hubOptions: { pingsVisible?: boolean } = {}) {
  const hub = createFakeHub(hubOptions);
  const tokens = createFakeTokens();
  const journal = createMemoryJournal();
  const events: Array<{ event: string; args: unknown[] }> = [];
  const health: HubHealth[] = [];
  const connected: boolean[] = [];
  const manager = createConnectionManager({
    hub: 'user',
    url: 'http://127.0.0.1:5000/hubs/user',
    transportFactory: hub.factory,
    tokens,
    clock,
    timers: systemTimers,
    random: () => 0.5,
    jitterRatio: 0,
    onEvent: (event, args) => events.push({ event, args }),
    onHealth: (h) => health.push(h),
    onConnected: (info) => connected.push(info.reconnected),
    journal,
    ...overrides,
  });
  return { hub, tokens, journal, events, health, connected, manager };
}

/** Every test runs on fake timers starting at a fixed instant. Call once at the top of a suite file. */
export function useFakeTimersPerTest(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 25, 15, 0, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
