import { GroupFrame } from '../FieldFrame';
import type { FieldProps } from '../form-context';
import { common, shown } from '../ScalarFields';

const DAYS = [
  [1, 'Mon', 'Monday'],
  [2, 'Tue', 'Tuesday'],
  [3, 'Wed', 'Wednesday'],
  [4, 'Thu', 'Thursday'],
  [5, 'Fri', 'Friday'],
  [6, 'Sat', 'Saturday'],
  [0, 'Sun', 'Sunday'],
] as const;

/** Weekday numbers (0 = Sunday) as seven toggles, Monday first. */
export function WeekdaysField(p: FieldProps) {
  const c = common(p);
  const v = shown(p);
  const days = Array.isArray(v) ? (v as unknown[]).filter((d): d is number => typeof d === 'number') : [];
  const toggle = (day: number, on: boolean) => {
    const next = on ? [...new Set([...days, day])] : days.filter((d) => d !== day);
    p.ctx.set(
      p.path,
      next.sort((a, b) => a - b),
    );
  };
  return (
    <GroupFrame {...c}>
      <div class="rg-toggles">
        {DAYS.map(([day, short, long]) => (
          <label key={day} class="rg-toggle" title={long}>
            <input
              type="checkbox"
              id={`${c.id}-${day}`}
              checked={days.includes(day)}
              disabled={p.ctx.disabled}
              aria-label={long}
              onChange={(e) => toggle(day, (e.currentTarget as HTMLInputElement).checked)}
            />
            <span aria-hidden="true">{short}</span>
          </label>
        ))}
      </div>
    </GroupFrame>
  );
}
