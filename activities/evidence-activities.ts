import { Context } from '@temporalio/activity';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { sweepEvidenceStorage } from '../platform/evidence-storage';
import { referencedEvidenceFiles } from '../stores/evidence-store';
import { referencedRepresentationFiles } from '../stores/representation-store';

const DAY_MS = 86_400_000;

export function createEvidenceActivities(deps: { db: Db; evidenceDir: string; logger: Logger }) {
  return {
    /** Idempotent by nature: a second run finds nothing more to remove. Heartbeats once per folder of the store. */
    async sweepEvidenceStorage(input: {
      graceDays: number;
    }): Promise<{ removed: number; kept: number; removedPartials: number }> {
      const result = await sweepEvidenceStorage(
        deps.evidenceDir,
        // Representations' files share the evidence storage (issue 12): both records keep a file.
        async (sha256s) => {
          const [evidence, representations] = await Promise.all([
            referencedEvidenceFiles(deps.db, sha256s),
            referencedRepresentationFiles(deps.db, sha256s),
          ]);
          return new Set([...evidence, ...representations]);
        },
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
