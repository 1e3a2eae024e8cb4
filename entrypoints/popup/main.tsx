import { render } from 'preact';

render(<main data-testid="popup-root">Risk Guard</main>, document.getElementById('app') as HTMLElement);
