import type { RouteObject } from 'react-router';
import { EvaluationPage } from './EvaluationPage';
import { EvaluationsPage } from './EvaluationsPage';

/** The evaluator screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const evaluatorRoutes: RouteObject[] = [
  { path: 'evaluations', element: <EvaluationsPage /> },
  { path: 'evaluations/:id', element: <EvaluationPage /> },
];
