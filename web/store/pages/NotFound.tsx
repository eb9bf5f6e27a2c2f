import { EmptyState } from '@shared/ui';
import { useT } from '@shared/i18n';
import { Link } from '../app/router';
import { useTitle } from '../app/use-async';

export default function NotFound() {
  const t = useT();
  useTitle(t('common.notFound'));
  return (
    <div className="wrap page">
      <EmptyState title={<span role="heading" aria-level={1}>{t('common.notFound')}</span>} action={<Link to="/" className="ui-btn ui-btn--primary ui-btn--md">{t('common.backHome')}</Link>}>
        <p>{t('common.notFoundText')}</p>
      </EmptyState>
    </div>
  );
}
