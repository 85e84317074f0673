import type { HandlersFor } from '../../../shared/contract/core';
import type { syncContract } from '../../../shared/contract/sync';
import type { Ctx } from '../context';
import { syncManager } from '../sync/manager';

export const syncHandlers: HandlersFor<typeof syncContract, Ctx> = {
  'sync.list': (_input, ctx) => syncManager(ctx).list(),
  'sync.link': (input, ctx) => syncManager(ctx).link(input),
  'sync.unlock': ({ groupId, passphrase }, ctx) => syncManager(ctx).unlock(groupId, passphrase),
  'sync.pause': ({ groupId, paused }, ctx) => syncManager(ctx).pause(groupId, paused),
  'sync.unlink': ({ groupId }, ctx) => syncManager(ctx).unlink(groupId),
  'sync.exchangeNow': async ({ groupId }, ctx) => {
    const m = syncManager(ctx);
    await m.runOnce(groupId);
    return groupId ? [m.status(groupId)] : m.list();
  },
  'sync.log': ({ groupId }, ctx) => syncManager(ctx).logEntries(groupId),
  'sync.removeLaptop': ({ groupId, replicaId }, ctx) => syncManager(ctx).removeLaptop(groupId, replicaId),
};
