import { useMemo, useState } from 'preact/hooks';
import type { z } from 'zod';
import { errorMessage } from '../../core/error-message';
import type { GuardClient } from '../../messaging/client';
import type { Problem } from '../../messaging/protocol';
import { formSchemaOf } from '../schema-form/json-node';
import { ProblemList } from '../schema-form/ProblemList';
import { type IssueWords, validateJsonText } from '../schema-form/problems';
import { Fold } from './Fold';

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
  issueWords?: IssueWords | undefined;
}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const formSchema = useMemo(() => formSchemaOf(props.schema), [props.schema]);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);

  const importText = async (text: string, name: string) => {
    setMessage(null);
    const local = validateJsonText(props.schema, text, props.migrate, props.issueWords);
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
      setMessage({ text: `Import failed: ${errorMessage(error, 'no answer')}`, ok: false });
    }
  };

  const exportConfig = async () => {
    try {
      const r = await props.client.request('exportConfig', {});
      props.download({ filename: 'risk-guard-config.json', mime: 'application/json', content: r.json });
    } catch (error) {
      setMessage({ text: `Export failed: ${errorMessage(error, 'no answer')}`, ok: false });
    }
  };

  return (
    <Fold id="import-export" title="Import or export settings" hint="Keep a copy of your settings, or bring one back.">
      <div class="rg-field">
        <label for="rg-import">Import settings from a file</label>
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
      <ProblemList
        schema={formSchema}
        problems={problems}
        testId="import-problems"
        title={`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in the file:`}
      />
    </Fold>
  );
}
