import type { RouteObject } from 'react-router';

/** The evaluator screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const evaluatorRoutes: RouteObject[] = [];
