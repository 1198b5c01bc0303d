import { useTranslation } from 'react-i18next';
import { daysFromToday } from '../../i18n/format';
import type { Evaluation } from './evaluation-view';

/** Overdue, or due within a week, as text and a shape, never colour alone; nothing once graded. */
export function DeadlineBadge({ evaluation }: { evaluation: Pick<Evaluation, 'deadline' | 'overdue' | 'status'> }) {
  const { t } = useTranslation();
  if (evaluation.status === 'graded') return null;
  const days = daysFromToday(evaluation.deadline);
  if (evaluation.overdue || days < 0)
    return (
      <span className="badge badge-overdue">
        <span aria-hidden="true">● </span>
        {t('evaluator.deadline.overdue')}
      </span>
    );
  if (days <= 7)
    return (
      <span className="badge badge-due-soon">
        <span aria-hidden="true">◐ </span>
        {days === 0 ? t('evaluator.deadline.dueToday') : t('evaluator.deadline.dueIn', { days })}
      </span>
    );
  return null;
}

export function StatusBadge({ status }: { status: Evaluation['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${status === 'graded' ? 'light-green' : 'badge-upcoming'}`}>
      <span aria-hidden="true">{status === 'graded' ? '✓ ' : '○ '}</span>
      {t(`evaluator.status.${status}`)}
    </span>
  );
}
