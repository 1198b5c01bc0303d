import type { RouteObject } from 'react-router';
import { NewRectificationOrderPage } from './NewRectificationOrderPage';
import { RectificationsPage } from './RectificationsPage';

/** The desk screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const deskRoutes: RouteObject[] = [
  { path: 'rectifications', element: <RectificationsPage /> },
  { path: 'contracts/:id/rectification-orders/new', element: <NewRectificationOrderPage /> },
];
