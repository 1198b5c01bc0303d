import type { Role } from '../session/session';

export interface NavItem {
  to: string;
  label:
    | 'nav.tasks'
    | 'nav.contracts'
    | 'nav.dashboard'
    | 'nav.rectifications'
    | 'nav.evaluations'
    | 'nav.cycles'
    | 'nav.directory'
    | 'nav.regionSettings'
    | 'nav.regions';
  regionCode?: string;
}

/**
 * What each role may open: regulators their regions' dashboards and settings, the rectification
 * desk, evaluation cycles and the directory; parties their contracts and orders; liaison officers
 * their contracts; evaluators their evaluations; the admin everything, and the regions.
 */
export function navigationFor(role: Role, regionCodes: string[]): NavItem[] {
  const item = (to: string, label: NavItem['label']): NavItem => ({ to, label });
  const perRegion = (suffix: string, label: NavItem['label']) =>
    regionCodes.map((code): NavItem => ({
      to: `/regions/${encodeURIComponent(code)}/${suffix}`,
      label,
      regionCode: code,
    }));
  const tasks = item('/tasks', 'nav.tasks');
  const contracts = item('/contracts', 'nav.contracts');
  const rectifications = item('/rectifications', 'nav.rectifications');
  const supervision = [
    ...perRegion('dashboard', 'nav.dashboard'),
    contracts,
    rectifications,
    item('/cycles', 'nav.cycles'),
    item('/directory', 'nav.directory'),
  ];
  switch (role) {
    case 'admin':
      return [tasks, ...supervision, item('/regions', 'nav.regions')];
    case 'regulator':
      return [tasks, ...supervision, ...perRegion('settings', 'nav.regionSettings')];
    case 'liaison':
      return [tasks, contracts];
    case 'party':
      return [tasks, contracts, rectifications];
    case 'evaluator':
      return [tasks, item('/evaluations', 'nav.evaluations')];
  }
}
