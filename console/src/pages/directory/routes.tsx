import type { RouteObject } from 'react-router';

/** The directory screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const directoryRoutes: RouteObject[] = [];
