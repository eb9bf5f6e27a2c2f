/**
 * The built-in carrier: the merchant's own flat-rate service (their van, or a drop-off contract
 * with no API). Tracking numbers are derived from the fulfilment id, so a retried label is the
 * same label, and they point at the store's own public tracking page.
 */
import { flatRateTrackingNumber } from '../domain/tracking.js';
import type { Carrier, Label, Shipment } from './carrier.js';

export class FlatRateCarrier implements Carrier {
  readonly name = 'flat-rate';

  /** `baseUrl` is the store's public address; the tracking page is `/store/track/:trackingNumber` there. */
  constructor(private readonly baseUrl: string) {}

  async createLabel(shipment: Shipment): Promise<Label> {
    const trackingNumber = flatRateTrackingNumber(shipment.fulfillmentId);
    return { trackingNumber, trackingUrl: trackingUrl(this.baseUrl, trackingNumber), labelUrl: null };
  }
}

/** The store's public tracking page for a tracking number. */
export const trackingUrl = (baseUrl: string, trackingNumber: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/store/track/${encodeURIComponent(trackingNumber)}`;
