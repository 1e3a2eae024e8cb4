import { describe, expect, it } from 'vitest';
import { guardProblems } from '../../../../src/ui/view-models/guard-problems';
import { NOW, snapshot } from '../../messaging/snapshot-fixtures';

describe('guard health beyond the hubs', () => {
  it('is empty when the page and the payloads are fine', () => {
    expect(guardProblems(snapshot(), NOW)).toEqual([]);
  });

  it('names a failed network-block update, order entry not recognised, and rejected payloads by kind', () => {
    const problems = guardProblems(
      snapshot({
        page: {
          orderEntry: 'missing',
          since: NOW - 60_000,
          networkBlock: { active: true, failure: { message: '1 of 14 rule(s) refused', since: NOW - 5000 } },
        },
        payloads: {
          rejected: 4,
          byKind: { 'user:GatewayUserTrade': 2, 'user:GatewayUserOrder': 1, 'rest:Trade/search': 1 },
        },
      }),
      NOW,
    );
    expect(problems.map((p) => [p.id, p.tone])).toEqual([
      ['network-block', 'danger'],
      ['order-entry', 'warn'],
      ['payloads', 'warn'],
    ]);
    expect(problems[0]?.text).toContain('1 of 14 rule(s) refused');
    expect(problems[1]?.text).toContain('order entry not recognised since 08:59 CT');
    expect(problems[2]?.text).toContain('4 gateway payload(s) (hub events, REST answers) failed validation');
    expect(problems[2]?.text).toContain('user:GatewayUserTrade 2, user:GatewayUserOrder 1, rest:Trade/search 1');
  });
});
