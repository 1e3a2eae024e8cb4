import { FieldFrame } from '../FieldFrame';
import type { FieldProps } from '../form-context';
import { aria, common, shown } from '../ScalarFields';

/** A time of day ("17:00", 24 h) with the browser's time input. */
export function TimeField(p: FieldProps) {
  const c = common(p);
  const v = shown(p);
  return (
    <FieldFrame {...c}>
      <input
        id={c.id}
        type="time"
        step={60}
        class="rg-time"
        value={typeof v === 'string' ? v : ''}
        disabled={p.ctx.disabled}
        {...aria(c)}
        onInput={(e) => p.ctx.set(p.path, (e.currentTarget as HTMLInputElement).value)}
      />
    </FieldFrame>
  );
}
