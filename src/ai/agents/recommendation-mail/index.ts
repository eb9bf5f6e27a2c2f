/**
 * Recommendation emails for a customer segment: the campaign tables, the batch job and the staff
 * routes. Picks come from the recommendations engine (each with its reason); mail goes through
 * the notifications outbox.
 */
import type { ModuleDeps, ModuleParts } from '../../../platform/index.js';
import type { CustomersService } from '../../../modules/identity/index.js';
import type { NotificationsService } from '../../../modules/notifications/index.js';
import type { OrdersService } from '../../../modules/orders/index.js';
import type { RecommendationsModule } from '../../recommendations/index.js';
import { recommendationMailMigrations } from './migrations.js';
import { recommendationMailRoutes } from './routes.js';
import { CAMPAIGN_JOB, RecommendationMail } from './service.js';

export { RecommendationMail, CAMPAIGN_JOB, MAIL_KIND } from './service.js';
export type { CampaignDto } from './service.js';

export function createRecommendationMail(deps: ModuleDeps, uses: {
  orders: Pick<OrdersService, 'scan'>; customers: Pick<CustomersService, 'get'>; notifications: Pick<NotificationsService, 'queueMessage'>; recommendations: RecommendationsModule;
}): { parts: ModuleParts; service: RecommendationMail } {
  const service = new RecommendationMail({
    orders: uses.orders, customers: uses.customers, notifications: uses.notifications,
    recommend: (ctx, customerId, limit) => uses.recommendations.service.recommend(ctx, { surface: 'home', customerId, session: null, limit }),
    storeUrl: deps.config.publicUrl ?? `http://localhost:${deps.config.port}`,
    log: deps.log.child({ component: 'recommendation-mail' }),
  });
  return {
    service,
    parts: {
      name: 'ai-recommendation-mail', migrations: recommendationMailMigrations, routes: recommendationMailRoutes(service),
      jobs: [{ name: CAMPAIGN_JOB, maxAttempts: 5, handle: (ctx, payload: { campaignId: string }) => service.step(ctx, payload.campaignId) }],
    },
  };
}
