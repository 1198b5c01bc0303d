import type { Role } from '../session/session';

export interface NavItem {
  to: string;
  label: 'nav.tasks' | 'nav.contracts' | 'nav.dashboard';
  regionCode?: string;
}

/** What each role may open: regulators their regions' dashboards, parties and liaison officers their contracts. */
export function navigationFor(role: Role, regionCodes: string[]): NavItem[] {
  const tasks: NavItem = { to: '/tasks', label: 'nav.tasks' };
  const contracts: NavItem = { to: '/contracts', label: 'nav.contracts' };
  const dashboards = regionCodes.map((code): NavItem => ({
    to: `/regions/${encodeURIComponent(code)}/dashboard`,
    label: 'nav.dashboard',
    regionCode: code,
  }));
  switch (role) {
    case 'admin':
    case 'regulator':
      return [tasks, ...dashboards, contracts];
    case 'liaison':
    case 'party':
      return [tasks, contracts];
    case 'evaluator':
      return [tasks];
  }
}
