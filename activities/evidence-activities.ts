import { Context } from '@temporalio/activity';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { sweepEvidenceStorage } from '../platform/evidence-storage';
import { referencedEvidenceFiles } from '../stores/evidence-store';

const DAY_MS = 86_400_000;

export function createEvidenceActivities(deps: { db: Db; evidenceDir: string; logger: Logger }) {
  return {
    /** Idempotent by nature: a second run finds nothing more to remove. Heartbeats once per folder of the store. */
    async sweepEvidenceStorage(input: {
      graceDays: number;
    }): Promise<{ removed: number; kept: number; removedPartials: number }> {
      const result = await sweepEvidenceStorage(
        deps.evidenceDir,
        (sha256s) => referencedEvidenceFiles(deps.db, sha256s),
        Date.now() - input.graceDays * DAY_MS,
        () => Context.current().heartbeat(),
      );
      if (result.removed.length || result.removedPartials)
        deps.logger.info(
          { removed: result.removed, removedPartials: result.removedPartials, kept: result.kept },
          'evidence storage swept',
        );
      return { removed: result.removed.length, kept: result.kept, removedPartials: result.removedPartials };
    },
  };
}
