/** Command-line options of `npm start` (scripts/demo/main.ts). */
export interface DemoArgs {
  headed: boolean;
  /** Why a requested headed run falls back to headless, if it does. */
  headedFallback: string | null;
  /** Output folder for screenshots and timeline.txt; default demo-output/<timestamp>. */
  outDir: string | null;
  /** Reuse .output/chrome-mv3-local instead of building (RG_E2E_PREBUILT=1 does the same). */
  skipBuild: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [--headed] [--out DIR] [--no-build]
  --headed    show the browser (needs a display: $DISPLAY); headless otherwise
  --out DIR   where screenshots and timeline.txt go (default demo-output/<timestamp>)
  --no-build  reuse the existing local-gateway build in .output/chrome-mv3-local`;

export function parseDemoArgs(argv: readonly string[], env: Record<string, string | undefined>): DemoArgs {
  const args: DemoArgs = { headed: false, headedFallback: null, outDir: null, skipBuild: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--headed') args.headed = true;
    else if (a === '--headless') args.headed = false;
    else if (a === '--no-build') args.skipBuild = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--out') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error('--out needs a folder');
      args.outDir = v;
      i++;
    } else if (a?.startsWith('--out=')) args.outDir = a.slice('--out='.length);
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (env.RG_E2E_PREBUILT === '1') args.skipBuild = true;
  if (args.headed && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    args.headed = false;
    args.headedFallback = 'no display ($DISPLAY is not set): running headless instead';
  }
  return args;
}

/** demo-output/2026-11-25T12-34-56 (file-name safe, sorts by time). */
export function defaultOutDir(now: Date): string {
  return `demo-output/${now.toISOString().slice(0, 19).replace(/:/g, '-')}`;
}
