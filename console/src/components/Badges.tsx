import { useTranslation } from 'react-i18next';

export type TaskState = 'upcoming' | 'due-soon' | 'overdue';
export type Light = 'red' | 'yellow' | 'green';

const stateSymbol: Record<TaskState, string> = { upcoming: '○', 'due-soon': '◐', overdue: '●' };
const lightSymbol: Record<Light, string> = { green: '✓', yellow: '!', red: '✕' };

/** A task's state as text and a shape, never colour alone. */
export function StateBadge({ state }: { state: TaskState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${state}`}>
      <span aria-hidden="true">{stateSymbol[state]} </span>
      {t(`tasks.states.${state}`)}
    </span>
  );
}

export function LightBadge({ light }: { light: Light }) {
  const { t } = useTranslation();
  return (
    <span className={`badge light-${light}`}>
      <span aria-hidden="true">{lightSymbol[light]} </span>
      {t(`lights.${light}`)}
    </span>
  );
}
