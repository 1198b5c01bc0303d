import type { RouteObject } from 'react-router';
import { DirectoryPage } from './DirectoryPage';
import { RegionSettingsPage } from './RegionSettingsPage';
import { RegionsPage } from './RegionsPage';
import { UserPage } from './UserPage';

/** The directory screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const directoryRoutes: RouteObject[] = [
  { path: 'directory', element: <DirectoryPage /> },
  { path: 'directory/users/:id', element: <UserPage /> },
  { path: 'regions', element: <RegionsPage /> },
  { path: 'regions/:code/settings', element: <RegionSettingsPage /> },
];
