import { browser } from 'wxt/browser';
import { senderPolicyFor } from '../../src/messaging/sender-policy';
import { acceptSoundMessage } from '../../src/worker/sound/sound-message';
import { playTone } from '../../src/worker/sound/tone';

// Chrome's offscreen document (reason AUDIO_PLAYBACK): plays the alert tone the worker asks
// for. It only listens; anything that is not our play message from our own extension is ignored.
const policy = senderPolicyFor(browser.runtime);
let audio: AudioContext | null = null;

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const level = acceptSoundMessage(message, sender, policy);
  if (level === null) return undefined;
  audio ??= new AudioContext();
  playTone(audio, level);
  sendResponse({ played: level });
  return undefined;
});
