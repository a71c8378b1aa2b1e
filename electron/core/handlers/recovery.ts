import { err, ok } from '#shared/utils/result';
import type { BackupStore } from '../services/backups';
import { describeFsError, diskErrorCode } from '../services/fs-errors';
import type { Journal } from '../services/journal';
import type { Handlers, Logger } from './types';

type RecoveryMethods = 'journal.read' | 'backup.write' | 'backup.list' | 'backup.read';

/** Reading the outbox journal back, and the station database's backups (issue 13). */
export function createRecoveryHandlers(deps: {
  journal: Journal;
  backups: BackupStore;
  log: Logger;
}): Pick<Handlers, RecoveryMethods> {
  const { journal, backups, log } = deps;
  return {
    'journal.read': async ({ offset, limit }) => {
      try {
        return ok(await journal.read(offset, limit));
      } catch (cause) {
        log.error('journal read failed', { error: String(cause) });
        return err({ code: 'io-error', message: `Could not read the journal: ${String(cause)}` });
      }
    },
    'backup.write': async ({ summary, content }) => {
      try {
        const info = await backups.write(summary, content);
        log.info('backup written', { name: info.name, bytes: info.bytes });
        return ok(info);
      } catch (cause) {
        log.error('backup failed', { error: String(cause) });
        return err({ code: diskErrorCode(cause), message: describeFsError(cause) });
      }
    },
    'backup.list': async ({ dbName }) => {
      try {
        return ok(await backups.list(dbName));
      } catch (cause) {
        return err({ code: 'io-error', message: `Could not list backups: ${String(cause)}` });
      }
    },
    'backup.read': async ({ name }) => {
      try {
        const content = await backups.read(name);
        if (content === null) return err({ code: 'not-found', message: `No backup ${name}` });
        return ok({ content });
      } catch (cause) {
        return err({
          code: 'io-error',
          message: `Could not read backup ${name}: ${String(cause)}`,
        });
      }
    },
  };
}
