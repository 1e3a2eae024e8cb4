import { PositionType } from '../gateway/enums';
import type { Contract, Position } from '../gateway/schemas';
import type { AccountState } from './account-state';
import type { StateEffect } from './effects';
import { nextLots } from './position-lots';
import { shallowEqual } from './shallow-equal';
import { parseTimestamp } from './timestamp';

/**
 * One position update. Positions carry no update timestamp, only `creationTimestamp` (when
 * that position was opened), so ordering is by it, per contract:
 *   `p:<contractId>` = creation of the open position: an update of an older position is stale;
 *   `x:<contractId>` = creation of the last closed one: a late update of a position already
 *                      closed must not reopen it (a phantom position would trigger closes).
 *   `c:<contractId>` / `k:<contractId>` = the id of the last closed position and its `x:`
 *                      time (kept after a new one opens): a position with ANOTHER id created in
 *                      the very tick the last one closed (fills that fast tie the timestamps) is
 *                      new exposure, not a late update, and replays of the closed one are not.
 *                      `c:` holds an id, not a time, so every rollover prunes it; the checks
 *                      then fall back to the cautious reading (stale).
 * (Two fixed keys per contract rather than one per closed id, so a close never scans the
 * versions.)
 * Between two updates of the same open position, the later arrival wins (REST reconciliation
 * corrects a reordered pair). Returns undefined when nothing changed.
 */
export function applyPosition(
  account: AccountState,
  position: Position,
  receivedAt: number,
  contracts: Readonly<Record<string, Contract>>,
  effects: StateEffect[],
): AccountState | undefined {
  const accountId = account.account.id;
  const contractId = position.contractId;
  const creation = parseTimestamp(position.creationTimestamp);
  const current = account.positions[contractId];
  const openVersion = account.versions[`p:${contractId}`];
  const closedVersion = account.versions[`x:${contractId}`];
  const ignore = (reason: 'duplicate' | 'stale') => {
    effects.push({ kind: 'ignored', reason, entity: 'position', accountId, id: position.id });
    return undefined;
  };

  if (creation !== null) {
    // This very position closed already: every update of it from then or before is a replay.
    const closedAt = account.versions[`k:${contractId}`];
    const closedId = account.versions[`c:${contractId}`];
    if (closedId === position.id && closedAt !== undefined && creation <= closedAt) {
      return ignore(position.size === 0 ? 'duplicate' : 'stale');
    }
    if (current && openVersion !== undefined && creation < openVersion) return ignore('stale');
    if (!current && closedVersion !== undefined && creation <= closedVersion) {
      if (!openedInTheTickItClosed(account, position, creation, closedVersion)) {
        return ignore(position.size === 0 ? 'duplicate' : 'stale');
      }
    }
  }

  if (position.size === 0) {
    if (!current) {
      // Nothing open: remember the close anyway, so a late update of that position cannot reopen it.
      if (creation === null) return ignore('duplicate');
      return { ...account, versions: closedVersions(account.versions, position, creation) };
    }
    const positions = { ...account.positions };
    delete positions[contractId];
    const positionOpenedAt = { ...account.positionOpenedAt };
    delete positionOpenedAt[contractId];
    let versions = { ...account.versions };
    delete versions[`p:${contractId}`];
    if (creation !== null) versions = closedVersions(versions, current, Math.max(creation, openVersion ?? creation));
    effects.push({ kind: 'position-closed', accountId, contractId, previousSize: current.size });
    const closed = { ...account, positions, positionOpenedAt, versions };
    if (account.positionLots?.[contractId]) {
      const positionLots = { ...account.positionLots };
      delete positionLots[contractId];
      closed.positionLots = positionLots;
    }
    return closed;
  }

  if (current && shallowEqual(current, position)) return ignore('duplicate');

  const firstSeen = creation === null ? receivedAt : Math.min(creation, receivedAt);
  let openedAt = account.positionOpenedAt[contractId];
  let fresh = true;
  if (!current) {
    openedAt = firstSeen;
    effects.push({ kind: 'position-opened', accountId, contractId, size: position.size });
  } else if (isReversal(current, position)) {
    // Long 2 → short 1 in one fill: the short is new exposure from now.
    openedAt = receivedAt;
    effects.push({ kind: 'position-reversed', accountId, contractId, size: position.size, previousSize: current.size });
  } else if (current.id !== position.id && creation !== null && openVersion !== undefined && creation > openVersion) {
    // A new position replaced one whose close we never saw.
    openedAt = firstSeen;
    effects.push({ kind: 'position-opened', accountId, contractId, size: position.size });
  } else {
    openedAt = openedAt ?? firstSeen;
    fresh = false;
    effects.push({ kind: 'position-changed', accountId, contractId, size: position.size, previousSize: current.size });
  }
  const lots = nextLots(
    account.positionLots?.[contractId],
    current ? Math.abs(current.size) : 0,
    Math.abs(position.size),
    openedAt,
    receivedAt,
    fresh,
  );
  if (!contracts[contractId]) effects.push({ kind: 'unknown-contract', accountId, contractId });

  let versions = account.versions;
  if (creation !== null && (openVersion !== creation || closedVersion !== undefined)) {
    versions = { ...versions, [`p:${contractId}`]: Math.max(creation, openVersion ?? creation) };
    delete versions[`x:${contractId}`];
  }
  return {
    ...account,
    positions: { ...account.positions, [contractId]: position },
    positionOpenedAt:
      account.positionOpenedAt[contractId] === openedAt
        ? account.positionOpenedAt
        : { ...account.positionOpenedAt, [contractId]: openedAt },
    positionLots: { ...account.positionLots, [contractId]: lots },
    versions,
  };
}

/** The version keys after `closed` closed at `at`: `x:` for ordering, `c:`/`k:` naming which position it was. */
function closedVersions(versions: Record<string, number>, closed: Position, at: number): Record<string, number> {
  const c = closed.contractId;
  return { ...versions, [`x:${c}`]: at, [`c:${c}`]: closed.id, [`k:${c}`]: at };
}

/**
 * A position created in the same tick the last one closed, and not that one (the caller has
 * already refused updates of the closed position itself): new exposure. Which position closed
 * unknown (pruned, or state from before these keys): the cautious reading, stale.
 */
function openedInTheTickItClosed(
  account: AccountState,
  position: Position,
  creation: number,
  closedVersion: number,
): boolean {
  if (position.size === 0 || creation !== closedVersion) return false;
  const closedId = account.versions[`c:${position.contractId}`];
  return (
    closedId !== undefined && closedId !== position.id && account.versions[`k:${position.contractId}`] === closedVersion
  );
}

function isReversal(before: Position, after: Position): boolean {
  const sides = [PositionType.Long, PositionType.Short] as number[];
  return sides.includes(before.type) && sides.includes(after.type) && before.type !== after.type;
}
