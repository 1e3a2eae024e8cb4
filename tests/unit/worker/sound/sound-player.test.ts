import { describe, expect, it, vi } from 'vitest';
import { SOUND_MESSAGE_TARGET } from '../../../../src/worker/sound/sound-message';
import {
  createSoundPlayer,
  OFFSCREEN_PATH,
  type OffscreenApi,
  type SoundRuntime,
} from '../../../../src/worker/sound/sound-player';
import type { AudioContextLike } from '../../../../src/worker/sound/tone';

/** A fake Chrome: one offscreen document at most, like the real one. */
function fakeChrome(opts: { getContexts?: boolean; hasDocument?: boolean } = {}) {
  let exists = false;
  const sent: unknown[] = [];
  const createDocument = vi.fn(async (p: { url: string; reasons: string[]; justification: string }) => {
    await Promise.resolve();
    if (exists) throw new Error('Only a single offscreen document may be created.');
    expect(p.reasons).toEqual(['AUDIO_PLAYBACK']);
    expect(p.url).toBe(`chrome-extension://ext${OFFSCREEN_PATH}`);
    exists = true;
  });
  const offscreen: OffscreenApi = { createDocument };
  if (opts.hasDocument) offscreen.hasDocument = async () => exists;
  const runtime: SoundRuntime = {
    getURL: (path) => `chrome-extension://ext${path}`,
    sendMessage: async (m) => {
      sent.push(m);
      return undefined;
    },
  };
  if (opts.getContexts !== false) {
    runtime.getContexts = async (filter) =>
      exists && filter.contextTypes.includes('OFFSCREEN_DOCUMENT') ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : [];
  }
  return {
    offscreen,
    runtime,
    createDocument,
    sent,
    close: () => {
      exists = false;
    },
  };
}

function fakeAudio(): AudioContextLike & { oscillators: number } {
  const param = { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined };
  const ctx = {
    oscillators: 0,
    currentTime: 0,
    destination: {},
    createOscillator() {
      ctx.oscillators += 1;
      return { type: '', frequency: param, connect: () => undefined, start: () => undefined, stop: () => undefined };
    },
    createGain: () => ({ gain: param, connect: () => undefined }),
  };
  return ctx;
}

describe('worker sound player', () => {
  it('creates the offscreen document on the first sound only and sends each play to it', async () => {
    const c = fakeChrome();
    const player = createSoundPlayer({ offscreen: c.offscreen, runtime: c.runtime });
    await player.play('loud');
    await player.play('soft');
    expect(c.createDocument).toHaveBeenCalledTimes(1);
    expect(c.sent).toEqual([
      { target: SOUND_MESSAGE_TARGET, level: 'loud' },
      { target: SOUND_MESSAGE_TARGET, level: 'soft' },
    ]);
  });

  it('creates one document when two sounds arrive at once', async () => {
    const c = fakeChrome();
    const player = createSoundPlayer({ offscreen: c.offscreen, runtime: c.runtime });
    await Promise.all([player.play('loud'), player.play('loud')]);
    expect(c.createDocument).toHaveBeenCalledTimes(1);
    expect(c.sent).toHaveLength(2);
  });

  it('re-creates the document after Chrome closed it for being idle', async () => {
    const c = fakeChrome();
    const player = createSoundPlayer({ offscreen: c.offscreen, runtime: c.runtime });
    await player.play('soft');
    c.close();
    await player.play('soft');
    expect(c.createDocument).toHaveBeenCalledTimes(2);
  });

  it('reuses a document left by an earlier worker, found with offscreen.hasDocument when getContexts is missing', async () => {
    const c = fakeChrome({ getContexts: false, hasDocument: true });
    await createSoundPlayer({ offscreen: c.offscreen, runtime: c.runtime }).play('soft');
    // A new worker incarnation: the document is still there.
    await createSoundPlayer({ offscreen: c.offscreen, runtime: c.runtime }).play('loud');
    expect(c.createDocument).toHaveBeenCalledTimes(1);
    expect(c.sent).toHaveLength(2);
  });

  it('plays nothing and creates nothing when the sound is off', async () => {
    const c = fakeChrome();
    const audio = fakeAudio();
    await createSoundPlayer({ offscreen: c.offscreen, runtime: c.runtime, createAudioContext: () => audio }).play(
      'off',
    );
    expect(c.createDocument).not.toHaveBeenCalled();
    expect(c.sent).toEqual([]);
    expect(audio.oscillators).toBe(0);
  });

  it('plays directly with one reused AudioContext when there is no offscreen API (Firefox)', async () => {
    const c = fakeChrome();
    const audio = fakeAudio();
    const factory = vi.fn(() => audio);
    const player = createSoundPlayer({ runtime: c.runtime, createAudioContext: factory });
    await player.play('soft');
    await player.play('loud');
    expect(factory).toHaveBeenCalledTimes(1);
    expect(audio.oscillators).toBe(1 + 3);
    expect(c.sent).toEqual([]);
  });

  it('never throws when the document cannot be created or no audio exists at all', async () => {
    const c = fakeChrome();
    c.createDocument.mockRejectedValueOnce(new Error('offscreen disabled by policy'));
    const player = createSoundPlayer({ offscreen: c.offscreen, runtime: c.runtime });
    await expect(player.play('loud')).resolves.toBeUndefined();
    expect(c.sent).toEqual([]);
    await expect(createSoundPlayer({ runtime: c.runtime }).play('loud')).resolves.toBeUndefined();
  });
});
