import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { GuardClient } from '../../messaging/client';
import type { Problem } from '../../messaging/protocol';
import { validateJsonText } from '../schema-form/problems';

export interface DownloadFile {
  filename: string;
  mime: string;
  content: string;
}

/**
 * Import checks the file against the same schema first and lists EVERY problem; only a valid
 * file goes to the worker, which validates again (it is the authority) and may answer more.
 */
export function ImportExportSection(props: {
  client: GuardClient;
  schema: z.ZodType;
  /** Brings a file written by an earlier version to the current shape before it is checked. */
  migrate?: (value: unknown) => unknown;
  download(file: DownloadFile): void;
  onImported(): void;
}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);

  const importText = async (text: string, name: string) => {
    setMessage(null);
    const local = validateJsonText(props.schema, text, props.migrate);
    if (local.problems.length > 0) {
      setProblems(local.problems);
      setMessage({ text: `${name} was not imported: nothing changed.`, ok: false });
      return;
    }
    try {
      const r = await props.client.request('importConfig', { json: text });
      setProblems(r.problems);
      if (r.ok) {
        setMessage({
          text: r.pending ? `${name} imported; looser limits wait for the next reset.` : `${name} imported.`,
          ok: true,
        });
        props.onImported();
      } else setMessage({ text: `${name} was not imported: nothing changed.`, ok: false });
    } catch (error) {
      setMessage({ text: `Import failed: ${error instanceof Error ? error.message : 'no answer'}`, ok: false });
    }
  };

  const exportConfig = async () => {
    try {
      const r = await props.client.request('exportConfig', {});
      props.download({ filename: 'risk-guard-config.json', mime: 'application/json', content: r.json });
    } catch (error) {
      setMessage({ text: `Export failed: ${error instanceof Error ? error.message : 'no answer'}`, ok: false });
    }
  };

  return (
    <section class="rg-panel" aria-labelledby="rg-io-h" id="import-export">
      <h2 id="rg-io-h">Import / export settings</h2>
      <div class="rg-field">
        <label for="rg-import">Import settings from a JSON file</label>
        <input
          id="rg-import"
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (file) await importText(await file.text(), file.name);
            input.value = ''; // the same file can be chosen again after fixing it
          }}
        />
      </div>
      <button type="button" class="rg-btn" onClick={() => void exportConfig()}>
        Export settings
      </button>
      {message && (
        <p role="status" class={message.ok ? 'rg-tone-ok' : 'rg-error'}>
          {message.text}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert" class="rg-error" data-testid="import-problems">
          <strong>
            {problems.length} {problems.length === 1 ? 'problem' : 'problems'} in the file:
          </strong>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
