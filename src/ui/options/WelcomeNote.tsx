/**
 * Shown when the options page opens at `#setup` (right after install): where to start. The
 * connection section follows it directly; the heading takes the focus so a keyboard or
 * screen-reader user starts here too.
 */
export function WelcomeNote() {
  return (
    <section class="rg-panel rg-tone-ok" aria-labelledby="rg-setup-h" id="setup" data-testid="welcome">
      <h2 id="rg-setup-h" tabIndex={-1}>
        Welcome: set up the guard in two steps
      </h2>
      <ol class="rg-dim">
        <li>
          <strong>Connect</strong> (just below): your TopstepX user name and a ProjectX API key. Until then the guard
          watches nothing.
        </li>
        <li>
          <strong>Set your limits</strong> in <a href="#rules">Rules</a>, while you are calm: start from a preset for
          your TopstepX account. Tighter limits apply at once; looser ones wait for the next 17:00 CT reset.
        </li>
      </ol>
    </section>
  );
}
