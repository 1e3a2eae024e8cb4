import { describe, expect, it } from 'vitest';
import { type DesiredState, emptyDesired } from '../../../../src/core/enforce/desired-state';
import { positionTargets } from '../../../../src/core/enforce/plan';
import { PositionType } from '../../../../src/core/gateway/enums';
import type { Position } from '../../../../src/core/gateway/schemas';

/** Total limits (max contracts): which exposure gives way, newest first. */

const ES = 'CON.F.US.EP.Z25';
const NQ = 'CON.F.US.ENQ.Z25';
const pos = (id: number, contractId: string, size: number, at: string): Position => ({
  id,
  accountId: 1,
  contractId,
  creationTimestamp: at,
  type: PositionType.Long,
  size,
  averagePrice: 100,
});
const want = (d: Partial<DesiredState>): DesiredState => ({ ...emptyDesired(), ...d });
const atMost = (maxContracts: number) => want({ maxTotals: [{ maxContracts, counting: 'contracts' }] });
const t = (hh: string) => Date.parse(`2026-11-25T${hh}:00Z`);

describe('total limits: what gives way', () => {
  it('between positions opened in the same instant, cuts the one the gateway numbered later, however the read lists them', () => {
    const es = pos(1, ES, 1, '2026-11-25T14:00:00Z');
    const nq = pos(2, NQ, 1, '2026-11-25T14:00:00Z');
    for (const positions of [
      [es, nq],
      [nq, es],
    ]) {
      expect(Object.fromEntries(positionTargets(atMost(1), positions))).toEqual({ [ES]: 1, [NQ]: 0 });
    }
  });

  it('dates a position it has an empty lot list for by its opening time, not as the newest exposure', () => {
    const es = pos(1, ES, 1, '2026-11-25T14:00:00Z');
    const nq = pos(2, NQ, 1, '2026-11-25T14:30:00Z');
    const targets = positionTargets(atMost(1), [es, nq], { lots: (c) => (c === ES ? [] : undefined) });
    expect(Object.fromEntries(targets)).toEqual({ [ES]: 1, [NQ]: 0 });
  });

  it('a second limit takes the next newest exposure, not again the lot a first limit already took', () => {
    // ES: 2 at 14:00, +1 at 14:40; NQ 1 at 14:30. Three contracts at most takes the 14:40 ES lot;
    // then two minis at most takes NQ, the newest exposure left.
    const lots: Record<string, { size: number; at: number }[]> = {
      [ES]: [
        { size: 2, at: t('14:00') },
        { size: 1, at: t('14:40') },
      ],
      [NQ]: [{ size: 1, at: t('14:30') }],
    };
    const desired = want({
      maxTotals: [
        { maxContracts: 3, counting: 'contracts' },
        { maxContracts: 2, counting: 'mini' },
      ],
    });
    const targets = positionTargets(
      desired,
      [pos(1, ES, 3, '2026-11-25T14:00:00Z'), pos(2, NQ, 1, '2026-11-25T14:30:00Z')],
      { lots: (c) => lots[c] },
    );
    expect(Object.fromEntries(targets)).toEqual({ [ES]: 2, [NQ]: 0 });
  });
});
