import { describe, expect, it } from 'vitest';
import type { Position } from '../../../../../src/core/gateway/schemas';
import type { TradeManagementSettings } from '../../../../../src/core/rules/catalog/trade-management';
import { defaultConfig } from '../../../../../src/core/rules/config/config-schema';
import { tradeManagementRule as rule } from '../../../../../src/core/rules/evaluation/trade-management';
import type { RuleMemory } from '../../../../../src/core/rules/rule-memory';
import {
  accountState,
  ES,
  enforcements,
  orderEvent,
  position,
  positionEvent,
  quoteEvent,
  runRule,
  stopFor,
  tick,
} from '../fixtures';

type Settings = Partial<TradeManagementSettings>;
const breakevenOnly: Settings = { breakevenAfterTicks: 8, breakevenOffsetTicks: 1, trailAfterTicks: null };
const trailOnly: Settings = { breakevenAfterTicks: null, trailAfterTicks: 16, trailDistanceTicks: 8 };

/** Quotes one after another, as they arrive, carrying the rule's memory: the stop prices asked for. */
function quotes(p: Position, settings: Settings, prices: number[], orders = [] as ReturnType<typeof stopFor>[]) {
  const account = accountState({ positions: [p], orders });
  let memory: RuleMemory | undefined;
  const asked: Array<number | null> = [];
  for (const price of prices) {
    const r = runRule(rule, { account, event: quoteEvent(ES, price), prices: { [ES]: price }, settings, memory });
    memory = r.memory;
    const d = enforcements(r.decisions)[0];
    asked.push(d?.action.type === 'protect-stop' ? d.action.stopPrice : null);
  }
  return { asked, memory };
}

describe('tradeManagement: what it needs to act', () => {
  it('asks nothing for a position without a price yet, or in a contract it knows nothing of', () => {
    const p = position(ES, 1, 5000);
    expect(runRule(rule, { account: accountState({ positions: [p] }), settings: breakevenOnly }).decisions).toEqual([]);
    const unknown = position('CON.F.US.ZZZ.Z26', 1, 100);
    expect(
      runRule(rule, {
        account: accountState({ positions: [unknown] }),
        event: tick(),
        prices: { [unknown.contractId]: 200 },
        settings: breakevenOnly,
      }).decisions,
    ).toEqual([]);
  });

  it('is off by default, and with nothing set asks nothing whatever the price', () => {
    expect(defaultConfig().defaultProfile.rules.tradeManagement.mode).toBe('off');
    const p = position(ES, 1, 5000);
    const nothing = { breakevenAfterTicks: null, trailAfterTicks: null };
    expect(quotes(p, nothing, [5010]).asked).toEqual([null]);
  });

  it('gives a short in loss no breakeven stop', () => {
    expect(quotes(position(ES, -1, 5000), breakevenOnly, [5002, 5003]).asked).toEqual([null, null]);
  });
});

describe('tradeManagement: breakeven', () => {
  it('stays at breakeven however far the price runs when trailing is off', () => {
    expect(quotes(position(ES, 1, 5000), breakevenOnly, [5002, 5010, 5020]).asked).toEqual([5000.25, null, null]);
    expect(quotes(position(ES, 1, 5000), breakevenOnly, [5010]).asked).toEqual([5000.25]);
  });

  it('with trailing off, writes nothing more to its memory on later quotes', () => {
    const first = quotes(position(ES, 1, 5000), breakevenOnly, [5002]);
    const p = position(ES, 1, 5000, { id: first.memory?.managed[ES]?.positionId as number });
    const later = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: quoteEvent(ES, 5006),
      prices: { [ES]: 5006 },
      settings: breakevenOnly,
      memory: first.memory,
    });
    expect(later.memory).toBe(first.memory);
  });

  it('asks for the new breakeven once when the average price moves (contracts added), not on every quote', () => {
    const p = position(ES, 1, 5000);
    const armed = quotes(p, breakevenOnly, [5002]);
    const added = { ...p, size: 2, averagePrice: 5000.5 };
    const account = accountState({ positions: [added], orders: [stopFor(added, 5000.25)] });
    let memory = armed.memory;
    const asked: Array<number | undefined> = [];
    for (const price of [5003, 5003.25, 5003.5]) {
      const r = runRule(rule, {
        account,
        event: quoteEvent(ES, price),
        prices: { [ES]: price },
        settings: breakevenOnly,
        memory,
      });
      memory = r.memory;
      const d = enforcements(r.decisions)[0];
      asked.push(d?.action.type === 'protect-stop' ? d.action.stopPrice : undefined);
    }
    expect(asked).toEqual([5000.75, undefined, undefined]);
  });

  it('says whether it places a stop or tightens one, with the prices', () => {
    const p = position(ES, 1, 5000);
    const place = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: quoteEvent(ES, 5002),
      prices: { [ES]: 5002 },
      settings: breakevenOnly,
    });
    expect(enforcements(place.decisions)[0]?.reason).toBe('Place a protective stop at 5000.25');
    const tighten = runRule(rule, {
      account: accountState({ positions: [p], orders: [stopFor(p, 4990)] }),
      event: quoteEvent(ES, 5002),
      prices: { [ES]: 5002 },
      settings: breakevenOnly,
    });
    expect(enforcements(tighten.decisions)[0]?.reason).toBe('Tighten the stop from 4990 to 5000.25');
  });

  describe('for a short', () => {
    const short = () => position(ES, -1, 5000);

    it('leaves a stop at or below the breakeven price where it is, and tightens one above it', () => {
      const at = (price: number) =>
        enforcements(
          runRule(rule, {
            account: accountState({ positions: [short()], orders: [stopFor(short(), price)] }),
            event: quoteEvent(ES, 4997),
            prices: { [ES]: 4997 },
            settings: breakevenOnly,
          }).decisions,
        ).map((d) => (d.action.type === 'protect-stop' ? d.action.stopPrice : null));
      expect(at(4999.75)).toEqual([]);
      expect(at(4999.5)).toEqual([]);
      expect(at(5005)).toEqual([4999.75]);
    });
  });
});

describe('tradeManagement: trailing', () => {
  it('trails a short above its best (lowest) price and never steps back when the price rises', () => {
    const r = quotes(position(ES, -1, 5000), trailOnly, [4997, 4996, 4995, 4996.5, 4995.25, 4994.75]);
    expect(r.asked).toEqual([null, 4998, 4997, null, null, 4996.75]);
    expect(r.memory?.managed[ES]?.best).toBe(4994.75);
  });

  it('alone, trails from the best price even below the entry: it never jumps to breakeven', () => {
    const settings: Settings = { breakevenAfterTicks: null, trailAfterTicks: 4, trailDistanceTicks: 8 };
    expect(quotes(position(ES, 1, 5000), settings, [5001]).asked).toEqual([4999]);
    expect(quotes(position(ES, -1, 5000), settings, [4999]).asked).toEqual([5001]);
  });

  it('keeps trailing once armed after the price falls back, and asks again for a stop the trader cancelled', () => {
    const p = position(ES, 1, 5000);
    const armed = quotes(p, trailOnly, [5005, 5003.5]);
    expect(armed.asked).toEqual([5003, null]);
    const cancelled = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: orderEvent(stopFor(p, 5003, { status: 5 })),
      prices: { [ES]: 5003.5 },
      settings: trailOnly,
      memory: armed.memory,
    });
    expect(enforcements(cancelled.decisions).map((d) => d.action)).toEqual([
      { type: 'protect-stop', contractId: ES, stopPrice: 5003, size: 1, side: 1 },
    ]);
  });

  it('waits, asking nothing, when contracts added at a higher price leave the best price short of the trailing gain', () => {
    const p = position(ES, 1, 5000);
    const armed = quotes(p, trailOnly, [5004]);
    expect(armed.asked).toEqual([5002]);
    const averagedUp = { ...p, size: 2, averagePrice: 5002 };
    const r = runRule(rule, {
      account: accountState({ positions: [averagedUp] }),
      event: quoteEvent(ES, 5003),
      prices: { [ES]: 5003 },
      settings: trailOnly,
      memory: armed.memory,
    });
    expect(r.decisions).toEqual([]);
  });
});

describe('tradeManagement: breakeven and trailing together', () => {
  const both: Settings = {
    breakevenAfterTicks: 8,
    breakevenOffsetTicks: 1,
    trailAfterTicks: 40,
    trailDistanceTicks: 4,
  };

  it('holds breakeven until the trailing gain is reached, then takes the tighter of the two', () => {
    expect(quotes(position(ES, 1, 5000), both, [5002, 5003, 5009.75, 5010, 5012]).asked).toEqual([
      5000.25,
      null,
      null,
      5009,
      5011,
    ]);
  });

  it('mirrors for a short', () => {
    expect(quotes(position(ES, -1, 5000), both, [4998, 4997, 4990, 4988]).asked).toEqual([4999.75, null, 4991, 4989]);
  });

  it('keeps breakeven where the trail would sit looser', () => {
    const wide: Settings = {
      breakevenAfterTicks: 8,
      breakevenOffsetTicks: 1,
      trailAfterTicks: 8,
      trailDistanceTicks: 20,
    };
    expect(quotes(position(ES, 1, 5000), wide, [5002, 5004, 5006]).asked).toEqual([5000.25, null, 5001]);
    expect(quotes(position(ES, -1, 5000), wide, [4998, 4996, 4994]).asked).toEqual([4999.75, null, 4999]);
  });
});

describe('tradeManagement: memory', () => {
  it('forgets a new position’s predecessor in the same contract: same side but another position', () => {
    const first = quotes(position(ES, 1, 5000), trailOnly, [5010]);
    const reopened = position(ES, 1, 5000);
    const r = runRule(rule, {
      account: accountState({ positions: [reopened] }),
      event: quoteEvent(ES, 5001),
      prices: { [ES]: 5001 },
      settings: trailOnly,
      memory: first.memory,
    });
    expect(r.decisions).toEqual([]);
    expect(r.memory.managed[ES]).toBeUndefined();
  });

  it('forgets it when the same position turns to the other side', () => {
    const long = position(ES, 1, 5000);
    const first = quotes(long, trailOnly, [5010]);
    const flipped = { ...long, type: 2, averagePrice: 5010 };
    const r = runRule(rule, {
      account: accountState({ positions: [flipped] }),
      event: quoteEvent(ES, 5009),
      prices: { [ES]: 5009 },
      settings: trailOnly,
      memory: first.memory,
    });
    expect(r.decisions).toEqual([]);
    expect(r.memory.managed[ES]).toBeUndefined();
  });

  it('drops a closed position’s protection when a position event shows it gone', () => {
    const p = position(ES, 1, 5000);
    const armed = quotes(p, trailOnly, [5010]);
    const closed = runRule(rule, {
      account: accountState({ positions: [] }),
      event: positionEvent({ ...p, size: 0 }),
      settings: trailOnly,
      memory: armed.memory,
    });
    expect(closed.memory.managed).toEqual({});
    const still = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: positionEvent(p),
      prices: { [ES]: 5010 },
      settings: trailOnly,
      memory: armed.memory,
    });
    expect(still.memory.managed[ES]).toBeDefined();
  });
});
