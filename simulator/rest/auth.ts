import { z } from 'zod';
import { bizFail, ok, parseBody, type RestHandler } from './common';

/** Auth/loginKey, Auth/validate, Auth/logout. */
const LoginBody = z.object({ userName: z.string(), apiKey: z.string() });

export const loginKey: RestHandler = (req, deps) => {
  const p = parseBody(LoginBody, req.body);
  if (!p.ok) return p.reply;
  const token = deps.sessions.login(p.value.userName, p.value.apiKey);
  if (!token) return bizFail(3, 'Invalid user name or API key.', { token: null });
  return ok({ token });
};

/** A token that is good gets a fresh one; an expired one answers errorCode 3 (the router lets it through). */
export const validate: RestHandler = (req, deps) => {
  const check = deps.sessions.check(req.token);
  if (!check.ok) return bizFail(3, 'Token expired.', { newToken: null });
  return ok({ newToken: deps.sessions.issue(check.userName) });
};

export const logout: RestHandler = (req, deps) => {
  if (req.token) deps.sessions.revoke(req.token);
  return ok();
};
