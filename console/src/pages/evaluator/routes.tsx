import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazyPage';

/** The evaluator screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const evaluatorRoutes: RouteObject[] = [
  { path: 'evaluations', element: lazyPage(() => import('./EvaluationsPage').then((m) => m.EvaluationsPage)) },
  { path: 'evaluations/:id', element: lazyPage(() => import('./EvaluationPage').then((m) => m.EvaluationPage)) },
];
