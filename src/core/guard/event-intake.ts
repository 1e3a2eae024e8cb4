import type { DomainEvent } from '../state/events';
import type { EventPipeline } from './event-pipeline';
import type { GuardTime } from './guard-time';

/**
 * Where the hubs' and REST's parsed events enter the guard (realtime-session.ts hands them
 * here): their server stamps feed the guard's time first (a live fill's stamp is evidence of
 * the server's clock), then they take the one path (event-pipeline.ts).
 */
export function createEventIntake(deps: {
  time: Pick<GuardTime, 'observe'>;
  pipeline: Pick<EventPipeline, 'dispatch'>;
}): (events: readonly DomainEvent[]) => void {
  return (events) => {
    deps.time.observe(events);
    deps.pipeline.dispatch(events);
  };
}
