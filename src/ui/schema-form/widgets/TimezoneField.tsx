import { FieldFrame } from '../FieldFrame';
import type { FieldProps } from '../form-context';
import { aria, common, shown } from '../ScalarFields';

const COMMON_ZONES = ['America/Chicago', 'America/New_York', 'America/Denver', 'America/Los_Angeles', 'Europe/London'];

/** Every IANA zone this browser knows, the futures trader's usual ones first. */
function zones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...COMMON_ZONES, ...all.filter((z) => !COMMON_ZONES.includes(z))];
}

/** A time zone, typed or picked from the browser's list (validated by the schema). */
export function TimezoneField(p: FieldProps) {
  const c = common(p);
  const v = shown(p);
  const listId = `${c.id}-zones`;
  return (
    <FieldFrame {...c}>
      <input
        id={c.id}
        type="text"
        list={listId}
        autocomplete="off"
        spellcheck={false}
        value={typeof v === 'string' ? v : ''}
        disabled={p.ctx.disabled}
        {...aria(c)}
        onInput={(e) => p.ctx.set(p.path, (e.currentTarget as HTMLInputElement).value.trim())}
      />
      <datalist id={listId}>
        {zones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </FieldFrame>
  );
}
