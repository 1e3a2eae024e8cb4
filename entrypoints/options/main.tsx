import { render } from 'preact';

render(<main data-testid="options-root">Risk Guard options</main>, document.getElementById('app') as HTMLElement);
