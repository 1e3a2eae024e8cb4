import type { SimUserSeed } from './types';

/** The demo user every default simulator has (printable, fixed: it is a test fixture, not a secret). */
export const DEMO_USER: SimUserSeed = {
  userName: 'demo',
  apiKey: 'sim-demo-key-7f3a9c2e51b84d06',
  accounts: [
    {
      id: 9100001,
      name: '50KTC-V2-410217-19650001',
      balance: 50_000,
      canTrade: true,
      isVisible: true,
      simulated: true,
    },
    {
      id: 9100002,
      name: 'EXPRESS-V2-410217-19650002',
      balance: 150_000,
      canTrade: true,
      isVisible: true,
      simulated: false,
    },
  ],
};

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  seed: 1,
  tokenLifetimeSec: 86_400,
  pingIntervalMs: 15_000,
  priceTickMs: 1000,
  bookDepth: Number.POSITIVE_INFINITY,
  spreadTicks: 0,
} as const;
