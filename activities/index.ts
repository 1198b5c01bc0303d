import type { Transporter } from 'nodemailer';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { createContractActivities } from './contract-activities';
import { createContractProcessActivities } from './contract-process-activities';
import { createDeliveryActivities } from './delivery-activities';
import { createEvaluationActivities } from './evaluation-activities';
import { createEvaluationNotifier } from './evaluation-notify';
import { createEvidenceActivities } from './evidence-activities';
import { createFindingActivities } from './finding-activities';
import { createMailer } from './mail-activities';
import { createRectificationActivities } from './rectification-activities';
import { createNotifier } from './notify';
import { createObligationActivities } from './obligation-activities';
import { createRepresentationActivities } from './representation-activities';

export interface ActivityDeps {
  db: Db;
  transport: Transporter;
  mailFrom: string;
  publicBaseUrl: string;
  logger: Logger;
  /** Where the API stores uploaded evidence; the worker reads submitted texts from it. */
  evidenceDir: string;
}

export function createActivities(deps: ActivityDeps) {
  const mailer = createMailer(deps);
  const notifier = createEvaluationNotifier({ db: deps.db, mailer, publicBaseUrl: deps.publicBaseUrl });
  return {
    ...createContractActivities({ db: deps.db, mailer, publicBaseUrl: deps.publicBaseUrl }),
    ...createContractProcessActivities({ db: deps.db, mailer, publicBaseUrl: deps.publicBaseUrl }),
    ...createObligationActivities({ db: deps.db }),
    ...createNotifier({ db: deps.db, mailer, publicBaseUrl: deps.publicBaseUrl }),
    ...createEvaluationActivities({ db: deps.db, notifier }),
    ...createRectificationActivities({ db: deps.db, notifier, evidenceDir: deps.evidenceDir }),
    ...createRepresentationActivities({
      db: deps.db,
      mailer,
      publicBaseUrl: deps.publicBaseUrl,
      evidenceDir: deps.evidenceDir,
    }),
    ...createDeliveryActivities({ db: deps.db }),
    ...createFindingActivities({ db: deps.db, mailer, publicBaseUrl: deps.publicBaseUrl }),
    ...createEvidenceActivities({ db: deps.db, evidenceDir: deps.evidenceDir, logger: deps.logger }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
