import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Each page names itself in the document title, so a screen reader announces where a navigation led. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
