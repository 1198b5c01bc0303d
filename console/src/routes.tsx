import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from './components/Loading';
import { ContractPage } from './pages/ContractPage';
import { ContractsPage } from './pages/ContractsPage';
import { NewContractPage } from './pages/contract/NewContractPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordPage } from './pages/PasswordPage';
import { RectificationPage } from './pages/rectification/RectificationPage';
import { SessionsPage } from './pages/SessionsPage';
import { SignInPage } from './pages/SignInPage';
import { TasksPage } from './pages/TasksPage';
import { PublicLayout, Shell } from './shell/Shell';
import { cyclesRoutes } from './pages/cycles/routes';
import { deskRoutes } from './pages/desk/routes';
import { directoryRoutes } from './pages/directory/routes';
import { evaluatorRoutes } from './pages/evaluator/routes';
import { liaisonRoutes } from './pages/liaison/routes';
import { partyRoutes } from './pages/party/routes';

// The dashboard carries the charting library: loaded only when a dashboard is opened.
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const dashboard = (
  <Suspense fallback={<Loading />}>
    <DashboardPage />
  </Suspense>
);

/** The console's routes under /console (the API serves index.html for every one of them). */
export const router = createBrowserRouter(
  [
    {
      element: <PublicLayout />,
      children: [
        { path: 'sign-in', element: <SignInPage /> },
        { path: 'password', element: <PasswordPage /> },
        { path: 'forgot-password', element: <ForgotPasswordPage /> },
      ],
    },
    {
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/tasks" replace /> },
        { path: 'tasks', element: <TasksPage /> },
        { path: 'regions/:code/dashboard', element: dashboard },
        { path: 'contracts', element: <ContractsPage /> },
        { path: 'contracts/new', element: <NewContractPage /> },
        { path: 'contracts/:id', element: <ContractPage /> },
        { path: 'sessions', element: <SessionsPage /> },
        { path: 'rectifications/:id', element: <RectificationPage /> },
        ...liaisonRoutes,
        ...partyRoutes,
        ...evaluatorRoutes,
        ...deskRoutes,
        ...cyclesRoutes,
        ...directoryRoutes,
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/console' },
);
