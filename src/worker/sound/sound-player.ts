import type { GuardConfig } from '../../core/rules/config/config-schema';
import { playSoundMessage } from './sound-message';
import { type AudioContextLike, playTone } from './tone';

/**
 * Plays the alert tone from the worker, which itself cannot play audio in Chrome MV3.
 *
 *   Chrome  : an offscreen document (reason AUDIO_PLAYBACK) plays it. Chrome closes such a
 *             document after ~30 s without audio, and one may survive a worker restart, so
 *             each play first asks whether it exists (runtime.getContexts, else
 *             offscreen.hasDocument) and creates it only when missing; concurrent plays share
 *             one creation.
 *   Firefox : no offscreen API, but the background is an event page with a DOM: one
 *             AudioContext, created on the first sound and reused.
 *   neither : nothing (the notification itself still shows).
 */

export type SoundLevel = GuardConfig['notifications']['sound'];

export const OFFSCREEN_PATH = '/offscreen.html';

/** The part of `chrome.offscreen` used here. */
export interface OffscreenApi {
  createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
  hasDocument?(): Promise<boolean>;
}

/** The part of `browser.runtime` used here. */
export interface SoundRuntime {
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown> | undefined;
  getContexts?(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
}

export interface SoundPlayer {
  play(level: SoundLevel): Promise<void>;
}

export function createSoundPlayer(deps: {
  offscreen?: OffscreenApi;
  runtime: SoundRuntime;
  createAudioContext?: () => AudioContextLike;
}): SoundPlayer {
  let creating: Promise<void> | null = null;
  let audio: AudioContextLike | null = null;

  async function documentExists(offscreen: OffscreenApi): Promise<boolean> {
    const url = deps.runtime.getURL(OFFSCREEN_PATH);
    if (deps.runtime.getContexts) {
      const found = await deps.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
      return found.length > 0;
    }
    if (offscreen.hasDocument) return offscreen.hasDocument();
    return false;
  }

  async function ensureDocument(offscreen: OffscreenApi): Promise<void> {
    if (await documentExists(offscreen)) return;
    creating ??= offscreen
      .createDocument({
        url: deps.runtime.getURL(OFFSCREEN_PATH),
        reasons: ['AUDIO_PLAYBACK'],
        justification: 'Plays the optional alert tone for risk-guard notifications.',
      })
      .catch(async (error: unknown) => {
        // "Only a single offscreen document may be created": another path won the race.
        if (!(await documentExists(offscreen))) throw error;
      })
      .finally(() => {
        creating = null;
      });
    await creating;
  }

  return {
    async play(level) {
      if (level === 'off') return;
      try {
        if (deps.offscreen) {
          await ensureDocument(deps.offscreen);
          await deps.runtime.sendMessage(playSoundMessage(level));
          return;
        }
        if (deps.createAudioContext) {
          audio ??= deps.createAudioContext();
          playTone(audio, level);
        }
      } catch {
        // A tone is a courtesy on top of the notification: never let it break the worker.
      }
    },
  };
}
