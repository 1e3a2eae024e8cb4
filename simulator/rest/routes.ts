import { accountSearch } from './account';
import { loginKey, logout, validate } from './auth';
import type { RestHandler } from './common';
import { contractAvailable, contractSearch, contractSearchById } from './contract';
import { retrieveBars } from './history';
import { orderCancel, orderModify, orderPlace, orderSearch, orderSearchById, orderSearchOpen } from './order';
import { positionClose, positionPartialClose, positionSearchOpen } from './position';
import { ping } from './status';
import { tradeSearch } from './trade';

/** Every documented endpoint. `auth: false` = no bearer token needed; `mutation` = apply-then-fail applies. */
export interface Route {
  path: string;
  handler: RestHandler;
  auth: boolean;
}

const ROUTES: Route[] = [
  { path: '/api/Auth/loginKey', handler: loginKey, auth: false },
  { path: '/api/Auth/validate', handler: validate, auth: true },
  { path: '/api/Auth/logout', handler: logout, auth: true },
  { path: '/api/Account/search', handler: accountSearch, auth: true },
  { path: '/api/Contract/search', handler: contractSearch, auth: true },
  { path: '/api/Contract/searchById', handler: contractSearchById, auth: true },
  { path: '/api/Contract/available', handler: contractAvailable, auth: true },
  { path: '/api/History/retrieveBars', handler: retrieveBars, auth: true },
  { path: '/api/Order/search', handler: orderSearch, auth: true },
  { path: '/api/Order/searchOpen', handler: orderSearchOpen, auth: true },
  { path: '/api/Order/searchById', handler: orderSearchById, auth: true },
  { path: '/api/Order/place', handler: orderPlace, auth: true },
  { path: '/api/Order/cancel', handler: orderCancel, auth: true },
  { path: '/api/Order/modify', handler: orderModify, auth: true },
  { path: '/api/Position/searchOpen', handler: positionSearchOpen, auth: true },
  { path: '/api/Position/closeContract', handler: positionClose, auth: true },
  { path: '/api/Position/partialCloseContract', handler: positionPartialClose, auth: true },
  { path: '/api/Trade/search', handler: tradeSearch, auth: true },
  { path: '/api/Status/ping', handler: ping, auth: false },
];

const BY_PATH = new Map(ROUTES.map((r) => [r.path.toLowerCase(), r]));

/** Paths are matched case-insensitively (ASP.NET routing is). */
export const findRoute = (path: string): Route | undefined => BY_PATH.get(path.toLowerCase().replace(/\/+$/, ''));

export const ENDPOINTS: readonly string[] = ROUTES.map((r) => r.path);
