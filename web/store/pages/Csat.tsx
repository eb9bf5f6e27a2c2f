/** `/csat?token=…`: the link in a "How did we do?" email — rate the resolved conversation from 1 to 5, with a comment, once. */
import { useEffect, useState } from 'react';
import { Alert, Button, Spinner, TextArea } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { api, ApiError, unwrap } from '../app/api';
import { useLocation } from '../app/router';
import { useTitle } from '../app/use-async';

export default function Csat() {
  const { t } = useI18n();
  useTitle(t('csat.title'));
  const token = useLocation().query.get('token') ?? '';
  const [survey, setSurvey] = useState<{ subject: string | null; rating: number | null } | null>(null);
  const [missing, setMissing] = useState(false);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    unwrap(api.GET('/store/support/csat/{token}', { params: { path: { token } } }))
      .then((s) => setSurvey(s as { subject: string | null; rating: number | null })).catch(() => setMissing(true));
  }, [token]);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/store/support/csat/{token}', { params: { path: { token } }, body: { rating: stars, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
      setDone(true);
    } catch (e) { setError(e instanceof ApiError ? e.message : t('common.error')); } finally { setBusy(false); }
  };
  if (missing) return <div className="wrap page"><div className="narrow"><Alert tone="warning" title={t('csat.missing')} /></div></div>;
  if (!survey) return <div className="wrap page"><Spinner /></div>;
  if (done || survey.rating != null) return <div className="wrap page"><h1 className="page__title center">{t('csat.title')}</h1><div className="narrow"><Alert tone="success" title={t('csat.thanks')} /></div></div>;
  return (
    <div className="wrap page">
      <h1 className="page__title center">{t('csat.title')}</h1>
      <div className="narrow">
      <p>{survey.subject ? t('csat.intro.subject', { subject: survey.subject }) : t('csat.intro')}</p>
      <div role="radiogroup" aria-label={t('csat.title')} className="csat-stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" role="radio" aria-checked={stars === n} aria-label={t('csat.star', { n })} className={n <= stars ? 'csat-star csat-star--on' : 'csat-star'} onClick={() => setStars(n)}>★</button>
        ))}
      </div>
      <TextArea label={t('csat.comment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={3} />
      {error && <Alert tone="danger" title={error} />}
      <Button onClick={() => void submit()} disabled={!stars} busy={busy}>{t('csat.send')}</Button>
      </div>
    </div>
  );
}
