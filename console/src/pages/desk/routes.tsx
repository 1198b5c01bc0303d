import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazyPage';

/** The desk screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const deskRoutes: RouteObject[] = [
  { path: 'rectifications', element: lazyPage(() => import('./RectificationsPage').then((m) => m.RectificationsPage)) },
  {
    path: 'contracts/:id/rectification-orders/new',
    element: lazyPage(() => import('./NewRectificationOrderPage').then((m) => m.NewRectificationOrderPage)),
  },
];
