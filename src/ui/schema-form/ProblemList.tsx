import type { Problem } from '../../messaging/protocol';
import type { FormSchema } from './json-node';
import { labelTrail } from './node-at';

/**
 * Every problem at once, each named as the page names its field ("Daily realized loss › Loss
 * limit: must be more than 0"), never by its path. `onPick` jumps to the field.
 */
export function ProblemList(props: {
  schema: FormSchema;
  problems: readonly Problem[];
  title?: string;
  testId?: string;
  onPick?: (path: string) => void;
  /** Words for a path's first part the schema cannot name (e.g. an account number → its name). */
  rename?: (path: string[]) => string[];
}) {
  const { problems } = props;
  if (problems.length === 0) return null;
  return (
    <div class="rg-panel rg-error rg-problems" role="alert" data-testid={props.testId ?? 'form-problems'}>
      <strong>
        {props.title ?? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to fix before saving:`}
      </strong>
      <ul>
        {problems.map((p) => {
          const raw = p.path === '(root)' || p.path === '(file)' ? [] : p.path.split('.');
          const trail = props.rename ? props.rename(raw) : labelTrail(props.schema, raw);
          const where = trail.length > 0 ? trail.join(' \u203a ') : 'The file';
          return (
            <li key={`${p.path}:${p.message}`} data-path={p.path}>
              {props.onPick && raw.length > 0 ? (
                <a
                  href={`#${p.path}`}
                  onClick={(e) => {
                    e.preventDefault();
                    props.onPick?.(p.path);
                  }}
                >
                  {where}
                </a>
              ) : (
                where
              )}
              : {p.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
