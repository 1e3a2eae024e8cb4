import type { RestHandler } from './common';

/** Status/ping: a cheap health probe that answers `pong` (no token needed). */
export const ping: RestHandler = () => ({ status: 200, body: 'pong', text: 'pong' });
