/** The customer beside the conversation: who they are, what they bought, what they are worth, how they feel. */
import { useEffect, useState } from 'react';
import { Badge, Skeleton } from '@shared/ui';
import { formatDate, formatMoney } from '@shared/format';
import { api, call } from '../app/session';
import type { Conversation, CustomerContext } from '../app/types';
import { sentimentTone, statusTone } from './format';

interface CsatView {
  survey: { rating: number | null; comment: string | null; channel: string; sentAt: string; answeredAt: string | null } | null;
  prediction: { satisfied: number; score: number; method: string; reasons: string[]; trainedOn: number };
}

export function ContextPanel({ conv, onUseDraft }: { conv: Conversation; onUseDraft?(id: string, body: string): void }) {
  const [ctx, setCtx] = useState<CustomerContext | null>(null);
  const [csat, setCsat] = useState<CsatView | null>(null);
  useEffect(() => {
    let live = true;
    call(() => api.GET('/admin/support/conversations/{id}/csat', { params: { path: { id: conv.id } } }))
      .then((c) => { if (live) setCsat(c as CsatView); }).catch(() => undefined);
    return () => { live = false; };
  }, [conv.id, conv.status, conv.messageCount]);
  useEffect(() => {
    let live = true;
    call(() => api.GET('/admin/support/conversations/{id}/context', { params: { path: { id: conv.id } } }))
      .then((c) => { if (live) setCtx(c as CustomerContext); }).catch(() => undefined);
    return () => { live = false; };
  }, [conv.id, conv.sentiment, conv.messageCount]);

  const name = ctx?.customer ? `${ctx.customer.firstName} ${ctx.customer.lastName}`.trim() : ctx?.guest?.name ?? conv.name ?? 'Guest';
  const email = ctx?.customer?.email ?? ctx?.guest?.email ?? conv.email;
  return (
    <aside className="sc-context" aria-label="Customer context">
      <section className="sc-panel">
        <div className="sc-profile">
          <span className="sc-avatar" aria-hidden="true">{(name || '?').slice(0, 1).toUpperCase()}</span>
          <div className="sc-profile__text">
            <h2 className="sc-profile__name">{name}</h2>
            {email && <a href={`mailto:${email}`} className="sc-profile__email">{email}</a>}
          </div>
        </div>
        {!ctx ? <Skeleton width="100%" height={80} /> : (
          <dl className="sc-facts">
            <div><dt>Customer</dt><dd>{ctx.customer ? <>Account since {formatDate(ctx.customer.createdAt)}</> : <Badge tone="neutral">Guest</Badge>}</dd></div>
            <div><dt>Lifetime value</dt><dd className="sc-ltv" data-testid="ltv">{ctx.lifetimeValue.length ? ctx.lifetimeValue.map((v) => formatMoney(v.amount, v.currency)).join(' · ') : formatMoney(0, 'USD')}</dd></div>
            <div><dt>Orders</dt><dd>{ctx.orderCount}{ctx.lastOrderAt && <span className="sc-muted"> · last {formatDate(ctx.lastOrderAt)}</span>}</dd></div>
            <div><dt>Sentiment</dt><dd>{ctx.sentiment ? <Badge tone={sentimentTone(ctx.sentiment.label)}>{ctx.sentiment.label} ({ctx.sentiment.score.toFixed(2)})</Badge> : <span className="sc-muted">Not analysed yet</span>}</dd></div>
            <div><dt>Conversations</dt><dd>{ctx.conversations}</dd></div>
          </dl>
        )}
        {ctx?.matchedBy === 'email' && ctx.orders.length > 0 && <p className="sc-warn">Orders matched by the email the guest typed — confirm who you are talking to before sharing details.</p>}
      </section>
      <section className="sc-panel" aria-labelledby="sc-routing-title">
        <h2 id="sc-routing-title" className="sc-panel__title">Routing and SLA</h2>
        <dl className="sc-facts">
          <div><dt>Channel</dt><dd>{conv.channel}{conv.phone ? ` · +${conv.phone}` : ''}</dd></div>
          <div><dt>Queue</dt><dd>{conv.queue}{conv.vip && <> <Badge tone="warning">high value</Badge></>}</dd></div>
          {conv.routingReason && <div><dt>Why</dt><dd className="sc-muted">{conv.routingReason}</dd></div>}
          <div><dt>First answer due</dt><dd>{conv.firstResponseAt ? 'answered' : formatDate(conv.firstResponseDueAt)}{conv.slaBreached && <> <Badge tone="danger">missed</Badge></>}</dd></div>
          <div><dt>Resolution due</dt><dd>{formatDate(conv.resolutionDueAt)}{conv.resolutionBreached && <> <Badge tone="danger">missed</Badge></>}</dd></div>
          {conv.escalationRules.length > 0 && <div><dt>Rules applied</dt><dd>{conv.escalationRules.join(', ')}</dd></div>}
        </dl>
      </section>
      <section className="sc-panel" aria-labelledby="sc-csat-title" data-testid="csat">
        <h2 id="sc-csat-title" className="sc-panel__title">Satisfaction</h2>
        {!csat ? <Skeleton width="100%" height={40} /> : (
          <>
            {csat.survey?.answeredAt
              ? <p><strong>Rated {csat.survey.rating} / 5</strong>{csat.survey.comment && <> — “{csat.survey.comment}”</>}</p>
              : csat.survey ? <p className="sc-muted">Survey sent ({csat.survey.channel}), not answered yet.</p> : null}
            <p>Predicted: <Badge tone={csat.prediction.satisfied >= 0.6 ? 'success' : csat.prediction.satisfied >= 0.4 ? 'warning' : 'danger'}>{csat.prediction.score.toFixed(1)} / 5</Badge>
              <span className="sc-muted"> ({csat.prediction.method === 'model' ? `model from ${csat.prediction.trainedOn} surveys` : 'rule: too few surveys to learn from'})</span></p>
            {csat.prediction.reasons.length > 0 && <ul className="sc-reasons">{csat.prediction.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
          </>
        )}
      </section>
      <section className="sc-panel">
        <h2 className="sc-panel__title">Recent orders</h2>
        {!ctx ? <Skeleton width="100%" height={60} /> : ctx.orders.length === 0 ? <p className="sc-muted">No orders.</p> : (
          <ul className="sc-orders">
            {ctx.orders.map((o) => (
              <li key={o.id}>
                <a href={`/admin#/orders/${o.id}`} target="_blank" rel="noreferrer" className="sc-order__no">{o.displayNumber}</a>
                <span className="sc-muted">{formatDate(o.placedAt)}</span>
                <span className="sc-order__total">{formatMoney(o.total, o.currency)}</span>
                <span className="sc-order__status"><Badge tone={o.status === 'cancelled' ? 'danger' : statusTone(o.status === 'completed' || o.status === 'fulfilled' ? 'resolved' : 'open')}>{o.status.replace(/_/g, ' ')}</Badge></span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="sc-panel sc-ai" aria-labelledby="sc-ai-title">
        <h2 id="sc-ai-title" className="sc-panel__title"><span className="sc-ai__spark" aria-hidden="true">✦</span> AI suggestions</h2>
        {conv.summary && <div className="sc-handoff"><strong>Hand-off summary</strong><p>{conv.summary}</p></div>}
        {conv.suggestions.filter((s) => s.status === 'pending').length === 0
          ? <p className="sc-muted" data-testid="ai-empty">AI suggestions arrive with the assistant.</p>
          : conv.suggestions.filter((s) => s.status === 'pending').map((s) => (
            <div key={s.id} className="sc-suggestion" data-suggestion={s.id}>
              <span className="sc-suggestion__kind">{s.kind === 'draft_reply' ? 'Draft reply' : 'Summary'} · {s.source}</span>
              <p>{s.body}</p>
              {s.kind === 'draft_reply' && onUseDraft && <button type="button" className="ui-btn ui-btn--secondary ui-btn--sm" onClick={() => onUseDraft(s.id, s.body)}>Use this draft</button>}
            </div>
          ))}
      </section>
    </aside>
  );
}
