import type { MessageSenderLike } from './runtime-types';

/**
 * Who sent a message, decided only from what the browser itself fills in.
 *
 *   extension-page : our own id AND a URL on our own origin (popup, options — also when the
 *                    options page is open in a tab, which is why `tab` alone cannot decide)
 *   content-script : our own id, a tab, and a URL that is NOT our origin (the TopstepX page)
 *   untrusted      : anything else (other extensions, web pages via externally_connectable,
 *                    a sender without a URL)
 *
 * A content script cannot choose `sender.url`: the browser sets it to the frame's URL, so a
 * script on topstepx.com can never pass as an extension page.
 */
export type SenderKind = 'extension-page' | 'content-script' | 'untrusted';

export interface SenderPolicyOptions {
  /** `browser.runtime.id` */
  extensionId: string;
  /** `browser.runtime.getURL('/')` without the trailing slash, e.g. 'chrome-extension://abc'. */
  extensionOrigin: string;
}

export function classifySender(sender: MessageSenderLike | undefined, opts: SenderPolicyOptions): SenderKind {
  if (!sender || sender.id !== opts.extensionId) return 'untrusted';
  const origin = opts.extensionOrigin.replace(/\/+$/, '');
  const url = sender.url ?? '';
  const fromOwnOrigin = url === origin || url.startsWith(`${origin}/`);
  if (fromOwnOrigin) {
    // When the browser reports the frame's origin too, it must agree.
    if (sender.origin !== undefined && sender.origin !== origin) return 'untrusted';
    return 'extension-page';
  }
  if (sender.tab !== undefined && url.length > 0) return 'content-script';
  return 'untrusted';
}

/** The policy options from the runtime itself, so the worker cannot get them subtly wrong. */
export function senderPolicyFor(runtime: { id: string; getURL(path: string): string }): SenderPolicyOptions {
  // Not `new URL(...).origin`: for chrome-extension:// and moz-extension:// that is 'null' outside the browser.
  return { extensionId: runtime.id, extensionOrigin: runtime.getURL('/').replace(/\/+$/, '') };
}
