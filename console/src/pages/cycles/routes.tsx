import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazyPage';

/** The cycles screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const cyclesRoutes: RouteObject[] = [
  { path: 'cycles', element: lazyPage(() => import('./CyclesPage').then((m) => m.CyclesPage)) },
  { path: 'cycles/:id', element: lazyPage(() => import('./CyclePage').then((m) => m.CyclePage)) },
];
