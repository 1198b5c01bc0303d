import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazyPage';

/** The directory screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const directoryRoutes: RouteObject[] = [
  { path: 'directory', element: lazyPage(() => import('./DirectoryPage').then((m) => m.DirectoryPage)) },
  { path: 'directory/users/:id', element: lazyPage(() => import('./UserPage').then((m) => m.UserPage)) },
  { path: 'regions', element: lazyPage(() => import('./RegionsPage').then((m) => m.RegionsPage)) },
  {
    path: 'regions/:code/settings',
    element: lazyPage(() => import('./RegionSettingsPage').then((m) => m.RegionSettingsPage)),
  },
];
