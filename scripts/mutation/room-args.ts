// The arguments of `npm run mutation` as Stryker takes them: `--room` is ours (a room named in
// stryker.config.mjs), everything else is Stryker's own.
import type { Rooms } from './summary';

/** `--room a,b` becomes `--mutate` with those rooms' globs; anything else is passed on as it is. */
export function strykerArgs(args: readonly string[], rooms: Rooms): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const inline = arg.startsWith('--room=') ? arg.slice('--room='.length) : undefined;
    if (arg !== '--room' && inline === undefined) {
      out.push(arg);
      continue;
    }
    const given = inline ?? args[++i] ?? '';
    const names = given.split(',').filter(Boolean);
    if (names.length === 0 || names.some((name) => !Object.hasOwn(rooms, name))) {
      throw new Error(`--room takes one or more of ${Object.keys(rooms).join(', ')}, comma-separated (got "${given}")`);
    }
    out.push('--mutate', names.flatMap((name) => rooms[name] ?? []).join(','));
  }
  return out;
}
