import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';

const KEYS: [string, string][] = [
  ['j / k', 'keys.jk'],
  ['Enter', 'keys.enter'],
  ['r', 'keys.r'],
  ['n', 'keys.n'],
  ['e', 'keys.e'],
  ['a', 'keys.a'],
  ['/', 'keys.slash'],
  ['Ctrl+Enter', 'keys.send'],
  ['Esc', 'keys.esc'],
  ['?', 'keys.help'],
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('keys.title')} onClose={onClose}>
      <dl className="shortcuts">
        {KEYS.map(([k, label]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
