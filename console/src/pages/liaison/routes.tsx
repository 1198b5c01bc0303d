import type { RouteObject } from 'react-router';

/** The liaison screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const liaisonRoutes: RouteObject[] = [];
