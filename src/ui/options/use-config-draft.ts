import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { z } from 'zod';
import { errorMessage } from '../../core/error-message';
import type { GuardClient } from '../../messaging/client';
import { type Problem, STORAGE_PROBLEM_PATH } from '../../messaging/protocol';
import type { PendingConfigView } from '../../messaging/snapshot';
import { type IssueWords, validateValue } from '../schema-form/problems';

/**
 * The settings as the options page edits them: a draft loaded from the worker, checked against
 * the config schema on every change, and saved whole. Nothing reaches the guard until `save`;
 * the worker checks again and may refuse (its problems are shown beside the local ones), and a
 * save it takes may leave loosenings pending until the next reset (commitment lock).
 *
 *   load ──▶ draft ──update / replace──▶ draft ──save──▶ saved (in force, or pending) | refused
 *              ▲                                          │
 *              └──────────── load (discard changes) ◀─────┘
 */
export interface ConfigDraft {
  /** null until the first load answers. */
  config: unknown;
  pending: PendingConfigView | null;
  /** Bumped when the draft is replaced from outside the form (load, preset): the form redraws from it. */
  formKey: number;
  loadError: string | null;
  /** What the schema finds wrong with the draft now. */
  localProblems: Problem[];
  /** The local problems and those the worker gave for the last save. */
  allProblems: Problem[];
  serverProblems: Problem[];
  saveMsg: { text: string; ok: boolean } | null;
  /** A save was tried since the last load: the problem list shows. */
  attempted: boolean;
  /** Bumped to open the rows holding problems. */
  reveal: number;
  load(): Promise<void>;
  update(fn: (config: unknown) => unknown): void;
  /** Replaces the whole draft (a preset applied), unsaved, with a note for the trader. */
  replace(config: unknown, note: string): void;
  revealProblems(): void;
  save(): Promise<void>;
}

export function useConfigDraft(
  client: GuardClient,
  configSchema: z.ZodType,
  issueWords: IssueWords | undefined,
): ConfigDraft {
  const [config, setConfig] = useState<unknown>(null);
  const [pending, setPending] = useState<PendingConfigView | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [saveMsg, setSaveMsg] = useState<{ text: string; ok: boolean } | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [reveal, setReveal] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await client.request('getConfig', {});
      setConfig(r.config);
      setPending(r.pending);
      setFormKey((k) => k + 1);
      setServerProblems([]);
      setAttempted(false);
    } catch (e) {
      setLoadError(errorMessage(e, 'no answer'));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const update = useCallback((fn: (c: unknown) => unknown) => setConfig((c: unknown) => fn(c)), []);
  const localProblems = useMemo(
    () => (config === null ? [] : validateValue(configSchema, config, issueWords)),
    [config, configSchema, issueWords],
  );
  const allProblems = useMemo(() => [...localProblems, ...serverProblems], [localProblems, serverProblems]);

  const save = async () => {
    setSaveMsg(null);
    setAttempted(true);
    if (localProblems.length > 0) {
      setReveal((r) => r + 1);
      setSaveMsg({
        text: `Not saved: ${localProblems.length === 1 ? 'one problem' : `${localProblems.length} problems`} to fix (listed above, and next to each field).`,
        ok: false,
      });
      return;
    }
    try {
      const r = await client.request('saveConfig', { config });
      const unstored = r.problems.find((p) => p.path === STORAGE_PROBLEM_PATH);
      setServerProblems(r.problems.filter((p) => p !== unstored));
      setPending(r.pending);
      if (!r.ok) setReveal((n) => n + 1);
      setSaveMsg(
        r.ok
          ? {
              ok: true,
              text: r.pending
                ? 'Saved. Tighter limits apply now; looser ones wait for the next reset (commitment lock).'
                : 'Saved. In force now.',
            }
          : unstored
            ? { ok: false, text: `Not saved: ${unstored.message}.` }
            : { ok: false, text: 'Not saved: the guard found problems (listed above).' },
      );
    } catch (e) {
      setSaveMsg({ text: `Not saved: ${errorMessage(e, 'no answer')}`, ok: false });
    }
  };

  return {
    config,
    pending,
    formKey,
    loadError,
    localProblems,
    allProblems,
    serverProblems,
    saveMsg,
    attempted,
    reveal,
    load,
    update,
    replace(next, note) {
      setConfig(next);
      setFormKey((k) => k + 1);
      setAttempted(false);
      setSaveMsg({ ok: true, text: note });
    },
    revealProblems: () => setReveal((r) => r + 1),
    save,
  };
}
