import type { RouteObject } from 'react-router';

/** The desk screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const deskRoutes: RouteObject[] = [];
