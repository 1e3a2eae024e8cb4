import { describe, expect, it } from 'vitest';
import { createGuardClient, GuardRequestError, validatedAnswer } from '../../../src/messaging/client';
import { ResponseSchemas } from '../../../src/messaging/protocol';
import type { PortLike, RuntimeClientLike } from '../../../src/messaging/runtime-types';
import { POPUP_ANSWERS } from '../../../src/messaging/view-answers';
import { snapshot } from './snapshot-fixtures';

/** A runtime whose answers the test scripts; records what was sent. */
function runtime(answer: (message: unknown) => unknown) {
  const sent: unknown[] = [];
  const pushes: Array<(message: unknown) => void> = [];
  const rt: RuntimeClientLike = {
    async sendMessage(message) {
      sent.push(message);
      return answer(message);
    },
    connect() {
      const port: PortLike = {
        name: 'snapshot',
        postMessage() {},
        disconnect() {},
        onDisconnect: { addListener() {}, removeListener() {} },
        onMessage: {
          addListener: (l) => pushes.push((m) => l(m, port)),
          removeListener() {},
        },
      };
      return port;
    },
  };
  const push = (m: unknown) => {
    for (const p of pushes) p(m);
  };
  return { rt, sent, push };
}

async function failure(p: Promise<unknown>): Promise<GuardRequestError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(GuardRequestError);
    return error as GuardRequestError;
  }
  throw new Error('expected a refusal');
}

describe('the view client', () => {
  it('returns an answer only once it passed its schema, and strips what the schema does not name', async () => {
    const { rt, sent } = runtime(() => ({ ok: true, data: { accepted: true, message: 'Flattening', token: 'x' } }));
    const client = createGuardClient(rt, POPUP_ANSWERS);
    expect(await client.request('flattenAll', { confirm: true })).toEqual({ accepted: true, message: 'Flattening' });
    expect(sent).toEqual([{ type: 'flattenAll', confirm: true }]);
  });

  it('refuses a malformed answer, an unknown envelope, and passes on the worker’s refusal with its code', async () => {
    const malformed = createGuardClient(runtime(() => ({ ok: true, data: { accepted: 'yes' } })).rt, POPUP_ANSWERS);
    expect((await failure(malformed.request('flattenAll', { confirm: true }))).code).toBe('invalid-answer');
    const noEnvelope = createGuardClient(runtime(() => 'hello').rt, POPUP_ANSWERS);
    expect((await failure(noEnvelope.request('getSnapshot', {}))).code).toBe('invalid-answer');
    const refused = createGuardClient(
      runtime(() => ({ ok: false, error: { code: 'forbidden', message: 'not from here' } })).rt,
      ResponseSchemas,
    );
    expect(await failure(refused.request('getConfig', {}))).toMatchObject({
      code: 'forbidden',
      message: 'not from here',
    });
  });

  it('never sends a request whose answer it has no schema for', async () => {
    const { rt, sent } = runtime(() => ({ ok: true, data: { config: {}, pending: null } }));
    const client = createGuardClient(rt, POPUP_ANSWERS) as unknown as ReturnType<typeof createGuardClient>;
    expect((await failure(client.request('getConfig', {}))).code).toBe('no-answer-schema');
    expect(sent).toEqual([]);
  });

  it('validates a reply to a question asked before the client existed like any other answer', async () => {
    const good = snapshot();
    const early = Promise.resolve({ ok: true, data: good });
    expect(await validatedAnswer(POPUP_ANSWERS, 'getSnapshot', early)).toEqual(good);
    const bad = Promise.resolve({ ok: true, data: { ...good, accounts: 'none' } });
    expect((await failure(validatedAnswer(POPUP_ANSWERS, 'getSnapshot', bad))).code).toBe('invalid-answer');
  });

  it('hands on a pushed snapshot that passes the schema and drops one that does not', () => {
    const { rt, push } = runtime(() => null);
    const seen: number[] = [];
    createGuardClient(rt, POPUP_ANSWERS).subscribe((s) => seen.push(s.generatedAt));
    const good = snapshot();
    push({ type: 'snapshot', snapshot: good });
    push({ type: 'snapshot', snapshot: { ...good, accounts: 'none' } });
    expect(seen).toEqual([good.generatedAt]);
  });
});
