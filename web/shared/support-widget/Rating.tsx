/** The satisfaction survey inside the chat once a conversation is resolved: 1–5 stars and an optional comment, sent once. */
import { useState, type FormEvent } from 'react';
import { unwrap, type createApi } from '../api/client';

type Api = ReturnType<typeof createApi>;

export function Rating({ api, id, headers, t, rated, onDone }: {
  api: Api; id: string; headers?: Record<string, string>; t(key: string, vars?: Record<string, string | number>): string; rated: number | null; onDone(): void;
}) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (rated != null) return <p className="chatw-rate chatw-rate--done" role="status">{t('chat.rate.thanks')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!stars) return;
    setBusy(true);
    setFailed(false);
    try {
      await unwrap(api.POST('/store/support/conversations/{id}/csat', { params: { path: { id } }, headers, body: { rating: stars, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
      onDone();
    } catch { setFailed(true); } finally { setBusy(false); }
  };
  return (
    <form className="chatw-rate" onSubmit={submit} aria-label={t('chat.rate.title')}>
      <p className="chatw-rate__title">{t('chat.rate.title')}</p>
      <div className="chatw-stars" role="radiogroup" aria-label={t('chat.rate.title')}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" role="radio" aria-checked={stars === n} aria-label={t('chat.rate.star', { n })}
            className={n <= stars ? 'chatw-star chatw-star--on' : 'chatw-star'} onClick={() => setStars(n)}>★</button>
        ))}
      </div>
      {stars > 0 && (
        <>
          <label className="chatw-field"><span>{t('chat.rate.comment')}</span><input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} /></label>
          <button type="submit" className="chatw-rate__send" disabled={busy}>{t('chat.rate.send')}</button>
        </>
      )}
      {failed && <p className="chatw-error" role="alert">{t('chat.error')}</p>}
    </form>
  );
}
