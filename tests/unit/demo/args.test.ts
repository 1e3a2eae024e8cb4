import { describe, expect, it } from 'vitest';
import { defaultOutDir, parseDemoArgs } from '../../../scripts/demo/args';

describe('parseDemoArgs', () => {
  it('runs headless with a fresh build by default', () => {
    expect(parseDemoArgs([], {})).toEqual({
      headed: false,
      headedFallback: null,
      outDir: null,
      skipBuild: false,
      help: false,
    });
  });

  it('opens a visible browser with --headed when there is a display', () => {
    expect(parseDemoArgs(['--headed'], { DISPLAY: ':0' })).toMatchObject({ headed: true, headedFallback: null });
  });

  it('says so and runs headless when --headed is asked without a display', () => {
    const a = parseDemoArgs(['--headed'], {});
    expect(a.headed).toBe(false);
    expect(a.headedFallback).toMatch(/no display/);
  });

  it('takes an output folder in both spellings and reuses a build on request', () => {
    expect(parseDemoArgs(['--out', 'x/y', '--no-build'], {})).toMatchObject({ outDir: 'x/y', skipBuild: true });
    expect(parseDemoArgs(['--out=z'], {}).outDir).toBe('z');
    expect(parseDemoArgs([], { RG_E2E_PREBUILT: '1' }).skipBuild).toBe(true);
  });

  it('rejects unknown options and a missing folder with a clear error', () => {
    expect(() => parseDemoArgs(['--fast'], {})).toThrow(/unknown option --fast/);
    expect(() => parseDemoArgs(['--out'], {})).toThrow(/--out needs a folder/);
  });
});

describe('defaultOutDir', () => {
  it('names the folder after the start time, safe for file systems', () => {
    expect(defaultOutDir(new Date('2026-11-25T12:34:56.789Z'))).toBe('demo-output/2026-11-25T12-34-56');
  });
});
