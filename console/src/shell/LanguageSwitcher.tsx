import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/i18n';

/** One click to the other language; the choice is kept in localStorage and sets <html lang>. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" className="language-switcher" lang={other} onClick={() => void setLanguage(other)}>
      {t('language.switchTo')}
    </button>
  );
}
