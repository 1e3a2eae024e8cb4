/** Command-line options of `npm run probe` (scripts/probe/main.ts). The API key never comes from here. */
export interface ProbeArgs {
  /** REST base, e.g. https://api.topstepx.com or the simulator's http://127.0.0.1:5055. */
  gateway: string;
  userHub: string;
  marketHub: string;
  user: string;
  seconds: number;
  out: string | null;
  help: boolean;
}

export const USAGE = `Usage: PROJECTX_API_KEY=… npm run probe -- --gateway <url> --user <name> [--seconds N] [--out <file>]
  --gateway URL       the gateway's REST base: https://api.topstepx.com, or the simulator's URL
  --user NAME         your TopstepX user name
  --seconds N         how long to listen to both hubs (default 60)
  --out FILE          where to write the report (JSON); a summary is printed either way
  --user-hub URL      the user hub (default: rtc.topstepx.com for TopstepX, <gateway>/hubs/user otherwise)
  --market-hub URL    the market hub (default likewise)
The API key is read from the environment variable PROJECTX_API_KEY, never from the command line.
Read-only: it signs in, reads and listens; it never places, changes or cancels anything.`;

const TOPSTEPX_REST = 'https://api.topstepx.com';

export function parseProbeArgs(argv: readonly string[]): ProbeArgs {
  const values: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--help' || a === '-h') {
      help = true;
      continue;
    }
    if (/^--(api-?key|key|token)/i.test(a)) throw new Error('the API key is read from PROJECTX_API_KEY only');
    const m = /^--(gateway|user|seconds|out|user-hub|market-hub)(?:=(.*))?$/.exec(a);
    if (!m?.[1]) throw new Error(`unknown option ${a}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${m[1]} needs a value`);
    values[m[1]] = value;
  }
  if (help) return { gateway: '', userHub: '', marketHub: '', user: '', seconds: 0, out: null, help };
  const gateway = (values.gateway ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(gateway)) throw new Error(`--gateway must be an http(s) URL\n${USAGE}`);
  if (!values.user) throw new Error(`--user is required\n${USAGE}`);
  const seconds = values.seconds === undefined ? 60 : Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) throw new Error('--seconds must be 0 to 3600');
  const topstepx = gateway === TOPSTEPX_REST;
  return {
    gateway,
    userHub: values['user-hub'] ?? (topstepx ? 'https://rtc.topstepx.com/hubs/user' : `${gateway}/hubs/user`),
    marketHub: values['market-hub'] ?? (topstepx ? 'https://rtc.topstepx.com/hubs/market' : `${gateway}/hubs/market`),
    user: values.user,
    seconds,
    out: values.out ?? null,
    help,
  };
}
