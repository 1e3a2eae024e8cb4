import type { MessageSenderLike } from '../../messaging/runtime-types';
import type { SenderPolicyOptions } from '../../messaging/sender-policy';
import { classifySender } from '../../messaging/sender-policy';
import type { ToneLevel } from './tone';

/**
 * The one message the worker sends to the offscreen document: "play the tone".
 *
 * It travels worker → offscreen only (runtime.sendMessage never reaches the sender's own
 * listeners, so the worker's router never sees it), and it has no `type` field, so if any
 * page ever sent it to the worker the router would reject it as an unknown type. The
 * offscreen side accepts it only from our own extension pages/worker (the shared sender
 * policy): a content script on topstepx.com can reach the offscreen document with
 * runtime.sendMessage, and is ignored.
 */
export const SOUND_MESSAGE_TARGET = 'rg-offscreen-sound';

export interface PlaySoundMessage {
  target: typeof SOUND_MESSAGE_TARGET;
  level: ToneLevel;
}

export function playSoundMessage(level: ToneLevel): PlaySoundMessage {
  return { target: SOUND_MESSAGE_TARGET, level };
}

/** The level to play, or null when the message is not ours or comes from outside the extension. */
export function acceptSoundMessage(
  message: unknown,
  sender: MessageSenderLike | undefined,
  policy: SenderPolicyOptions,
): ToneLevel | null {
  if (typeof message !== 'object' || message === null) return null;
  const { target, level } = message as { target?: unknown; level?: unknown };
  if (target !== SOUND_MESSAGE_TARGET) return null;
  if (level !== 'soft' && level !== 'loud') return null;
  if (classifySender(sender, policy) !== 'extension-page') return null;
  return level;
}
