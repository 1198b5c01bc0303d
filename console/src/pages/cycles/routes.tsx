import type { RouteObject } from 'react-router';

/** The cycles screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const cyclesRoutes: RouteObject[] = [];
