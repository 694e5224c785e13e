import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';

/** The RU/EN switch: remembered on this device (the profile page sets the account's language). */
export function LanguageToggle({ onChange }: { onChange?: (lang: 'ru' | 'en') => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn-ghost lang-toggle"
      title={t('lang.switchTitle')}
      aria-label={t('lang.switchTitle')}
      onClick={() => {
        const next = currentLanguage() === 'ru' ? 'en' : 'ru';
        void setLanguage(next).then(() => onChange?.(next));
      }}
    >
      {t('lang.switch')}
    </button>
  );
}
