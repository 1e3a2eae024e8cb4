import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { createFullDisk } from '../storage/full-disk';
import { ACCOUNT, MNQ, marketBuy, setup } from './order-manager-fixture';

/**
 * A full disk (every IndexedDB write refused with QuotaExceededError): an intent record is
 * there to resume an action after a restart; failing to write it costs that, never the
 * action itself. A close, a reduction or a cancel still goes out. A place does not: without
 * its record a restarted worker could not prove an earlier request left no order behind.
 */
function fullDiskSetup() {
  const disk = createFullDisk(createMemoryStore(), createMemoryJournal());
  const rig = setup({}, { store: disk.store });
  disk.fill();
  return { ...rig, disk };
}

describe('order manager: a full disk', () => {
  it('closes a position although the intent cannot be written', async () => {
    const { fake, manager, disk } = fullDiskSetup();
    fake.setPosition(MNQ, 2);
    expect((await manager.closePosition(ACCOUNT, MNQ)).status).toBe('done');
    expect(fake.position(MNQ)).toBe(0);
    expect(disk.refused()).toBeGreaterThan(0);
  });

  it('reduces a position and cancels an order although the intents cannot be written', async () => {
    const { fake, manager } = fullDiskSetup();
    fake.setPosition(MNQ, 3);
    expect((await manager.reducePosition(ACCOUNT, MNQ, 1)).status).toBe('done');
    expect(fake.position(MNQ)).toBe(2);
    fake.addOrder({ id: 5, contractId: MNQ, side: 1, size: 2 });
    expect((await manager.cancelOrder(ACCOUNT, 5)).status).toBe('done');
  });

  it('refuses to place an order it cannot record, and says why', async () => {
    const { fake, manager } = fullDiskSetup();
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome).toMatchObject({
      status: 'failed',
      retryable: true,
      error: expect.stringContaining('QuotaExceeded'),
    });
    expect(fake.count('placeOrder')).toBe(0);
  });
});

describe('order manager: the disk fills up between recording a place and sending it', () => {
  it('never sends a place whose attempt it cannot record', async () => {
    const disk = createFullDisk(createMemoryStore(), createMemoryJournal());
    const { fake, manager } = setup({}, { store: disk.store });
    // The intent itself is written; the disk is full by the time its attempt is marked.
    const original = disk.store.put;
    let writes = 0;
    disk.store.put = (...args) => {
      writes += 1;
      if (writes === 2) disk.fill();
      return original(...args);
    };
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(fake.count('placeOrder')).toBe(0);
  });
});
