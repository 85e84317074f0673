import type { HandlersFor } from '../../../shared/contract/core';
import type { appContract, AppInfo } from '../../../shared/contract/app';
import type { Ctx } from '../context';
import { getMeta, replicaId, schemaVersion, setMeta } from '../db/open';
import { userError } from '../errors';
import { readSettings, writeSettings } from '../repositories/settings';
import { loadExampleData } from './example-data';

export { readSettings };

export function appInfo(ctx: Ctx): AppInfo {
  return {
    version: ctx.version,
    host: ctx.host,
    dataDir: ctx.dataDir,
    databasePath: ctx.databasePath,
    replicaId: replicaId(ctx.db),
    schemaVersion: schemaVersion(ctx.db),
    firstRun: getMeta(ctx.db, 'start_chosen') === undefined,
  };
}

/** First run: start empty, or with the example cooperation model. Only offered once. */
export function chooseStart(ctx: Ctx, example: boolean): AppInfo {
  ctx.tx(() => {
    if (getMeta(ctx.db, 'start_chosen') !== undefined) throw userError('conflict', 'errors.startAlreadyChosen');
    if (example) loadExampleData(ctx);
    setMeta(ctx.db, 'start_chosen', example ? 'example' : 'empty');
  });
  return appInfo(ctx);
}

export const appHandlers: HandlersFor<typeof appContract, Ctx> = {
  'app.info': (_input, ctx) => appInfo(ctx),
  'app.chooseStart': ({ example }, ctx) => chooseStart(ctx, example),
  'settings.get': (_input, ctx) => readSettings(ctx),
  'settings.update': (patch, ctx) =>
    ctx.tx(() => {
      writeSettings(ctx, patch);
      return readSettings(ctx);
    }),
  'host.saveFile': (input, ctx) => {
    if (!ctx.hostServices.saveFile) throw userError('unsupported', 'errors.hostOnly');
    return ctx.hostServices.saveFile(input);
  },
  'host.printToPdf': (input, ctx) => {
    if (!ctx.hostServices.printToPdf) throw userError('unsupported', 'errors.hostOnly');
    return ctx.hostServices.printToPdf(input);
  },
  'host.openFile': (input, ctx) => {
    if (!ctx.hostServices.openFile) throw userError('unsupported', 'errors.hostOnly');
    return ctx.hostServices.openFile(input);
  },
};
