import { describe, expect, it } from 'vitest';
import { acceptSoundMessage, playSoundMessage } from '../../../../src/worker/sound/sound-message';

const policy = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext' };
const worker = { id: 'ext', url: 'chrome-extension://ext/background.js' };

describe('offscreen play-sound message', () => {
  it('accepts the play message from the extension worker', () => {
    expect(acceptSoundMessage(playSoundMessage('loud'), worker, policy)).toBe('loud');
    expect(acceptSoundMessage(playSoundMessage('soft'), worker, policy)).toBe('soft');
  });

  it('ignores the same message from a content script, another extension or a sender without URL', () => {
    const msg = playSoundMessage('loud');
    expect(
      acceptSoundMessage(msg, { id: 'ext', url: 'https://topstepx.com/trade', tab: { id: 3 } }, policy),
    ).toBeNull();
    expect(acceptSoundMessage(msg, { id: 'other', url: 'chrome-extension://other/x.html' }, policy)).toBeNull();
    expect(acceptSoundMessage(msg, { id: 'ext' }, policy)).toBeNull();
    expect(acceptSoundMessage(msg, undefined, policy)).toBeNull();
  });

  it('ignores view requests, unknown levels and non-objects', () => {
    expect(acceptSoundMessage({ type: 'getSnapshot' }, worker, policy)).toBeNull();
    expect(acceptSoundMessage({ target: 'rg-offscreen-sound', level: 'off' }, worker, policy)).toBeNull();
    expect(acceptSoundMessage({ target: 'rg-offscreen-sound', level: 'deafening' }, worker, policy)).toBeNull();
    expect(acceptSoundMessage('loud', worker, policy)).toBeNull();
    expect(acceptSoundMessage(null, worker, policy)).toBeNull();
  });

  it('has no `type`, so the worker router can never mistake it for a view request', () => {
    expect('type' in playSoundMessage('loud')).toBe(false);
  });
});

describe('the worker router and the play-sound message', () => {
  it('rejects it as an unknown type without calling any handler, even from our own pages', async () => {
    const { createMessageRouter } = await import('../../../../src/messaging/router');
    const called: string[] = [];
    const handlers = new Proxy(
      {},
      {
        get: (_t, name) => () => {
          called.push(String(name));
          return undefined;
        },
      },
    ) as Parameters<typeof createMessageRouter>[0];
    const router = createMessageRouter(handlers, policy);
    const page = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
    expect(await router.handleMessage(playSoundMessage('loud'), page)).toMatchObject({
      ok: false,
      error: { code: 'unknown-type' },
    });
    const forged = { id: 'ext', url: 'https://topstepx.com/', tab: { id: 1 } };
    expect(await router.handleMessage(playSoundMessage('loud'), forged)).toMatchObject({ ok: false });
    expect(called).toEqual([]);
  });
});
