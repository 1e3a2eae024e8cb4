import type { Enforcer } from '../enforce/enforcer';
import type { GuardState } from '../state/account-state';
import type { ConfigHolder } from './config-holder';
import { manualFlatten } from './decisions';
import type { Guard } from './guard';
import type { GuardDays } from './guard-days';

/**
 * The trader's own commands that are not rules: save the config (a tightening applies now, a
 * loosening at the next reset: the commitment lock) and Flatten (a decision like a rule's,
 * through the same enforcer, with the same idempotence). Lock me out is lock-me-out.ts.
 */
export function createGuardCommands(deps: {
  config: Pick<ConfigHolder, 'save'>;
  days: Pick<GuardDays, 'end'>;
  enforcer: Pick<Enforcer, 'submit'>;
  state: () => GuardState;
}): Pick<Guard, 'saveConfig' | 'flatten'> {
  return {
    saveConfig: (input) => deps.config.save(input, deps.days.end()),
    async flatten(accountId, trigger) {
      const ids = accountId === 'all' ? Object.keys(deps.state().accounts).map(Number) : [accountId];
      for (const id of ids) await deps.enforcer.submit(manualFlatten(id, trigger), trigger);
      return ids;
    },
  };
}
