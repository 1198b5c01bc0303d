import express from 'express';
import helmet from 'helmet';
import { type ApiDeps, resolvedSettings } from './api-deps';
import { authenticate } from './auth';
import { contentSecurityPolicy, serveConsole } from './console-static';
import { registerComplianceRoutes } from './features/compliance/compliance-routes';
import { registerContractRoutes } from './features/contracts/contract-routes';
import { registerDashboardRoutes } from './features/dashboard/dashboard-routes';
import { registerEvaluatorRoutes } from './features/evaluators/evaluator-routes';
import { registerCycleRoutes } from './features/evaluations/cycle-routes';
import { registerEvaluationRoutes } from './features/evaluations/evaluation-routes';
import { registerScheduleRoutes } from './features/evaluations/schedule-routes';
import { registerFactRoutes } from './features/facts/fact-routes';
import { registerRectificationRoutes } from './features/rectifications/rectification-routes';
import { createHealthRouter } from './features/health/health-routes';
import { registerInstitutionRoutes } from './features/institutions/institution-routes';
import { registerEvidenceRoutes } from './features/rectifications/evidence-routes';
import { registerRepresentationRoutes } from './features/rectifications/representation-routes';
import { registerRegionRoutes } from './features/regions/region-routes';
import { registerTemplateRoutes } from './features/agreement-templates/template-routes';
import { registerPasswordLinkRoutes } from './features/session/password-link-routes';
import { registerSessionRoutes } from './features/session/session-routes';
import { registerSubsidyRoutes } from './features/subsidy/subsidy-routes';
import { registerTaskRoutes } from './features/tasks/task-routes';
import { registerUserAccessRoutes } from './features/users/token-routes';
import { registerUserAuditRoutes } from './features/users/user-audit-routes';
import { registerUserRoutes } from './features/users/user-routes';
import { createRegistry, generateOpenApiDocument } from './openapi';
import { createErrorHandler, sendProblem } from './error-handler';
import { isProblemType, ProblemError, problemTypes } from './problem';
import { defineRoutes } from './route';

export function createApp(deps: ApiDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy }));
  app.use(express.json({ limit: '1mb' }));

  const registry = createRegistry();
  const router = express.Router();
  const route = defineRoutes(router, registry);
  const healthRouter = createHealthRouter(deps, registry);
  registerRegionRoutes(route, deps);
  registerTemplateRoutes(route, deps);
  registerInstitutionRoutes(route, deps);
  registerUserRoutes(route, deps);
  registerUserAccessRoutes(route, deps);
  registerUserAuditRoutes(route, deps);
  registerSessionRoutes(route, deps);
  registerPasswordLinkRoutes(route, deps);
  registerContractRoutes(route, deps);
  registerComplianceRoutes(route, deps);
  registerFactRoutes(route, deps);
  registerCycleRoutes(route, deps);
  registerEvaluationRoutes(route, deps);
  registerScheduleRoutes(route, deps);
  registerRectificationRoutes(route, deps);
  registerEvaluatorRoutes(route, deps);
  registerSubsidyRoutes(route, deps);
  registerTaskRoutes(route, deps);
  registerDashboardRoutes(route, deps);
  registerEvidenceRoutes(router, registry, route, deps);
  registerRepresentationRoutes(router, registry, route, deps);
  const openApiDocument = generateOpenApiDocument(registry);

  app.get('/openapi.json', (_req, res) => res.json(openApiDocument));
  app.get('/problems/:type', (req, res) => {
    const type = String(req.params.type);
    if (!isProblemType(type)) return sendProblem(req, res, new ProblemError('not-found', `no problem type ${type}`));
    res.json({ type: `/problems/${type}`, ...problemTypes[type] });
  });
  app.use(healthRouter);
  serveConsole(app);
  const settings = resolvedSettings(deps);
  app.use(
    authenticate({ db: deps.db, settings: settings.auth, publicBaseUrl: settings.publicBaseUrl, now: settings.now }),
    router,
  );

  app.use((req, res) => sendProblem(req, res, new ProblemError('not-found', `no route ${req.method} ${req.path}`)));

  app.use(createErrorHandler(deps));
  return { app, openApiDocument };
}
