import type { RouteObject } from 'react-router';

/** The party screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const partyRoutes: RouteObject[] = [];
