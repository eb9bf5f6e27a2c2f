/**
 * The carrier port: one small interface for anything that can carry a parcel. The built-in
 * flat-rate carrier works offline; a real carrier (an API client) implements the same two calls
 * and is passed to the module factory.
 */

export interface Shipment {
  fulfillmentId: string;
  orderId: string;
  orderNumber: number;
  /** The stock location it leaves from. */
  locationId: string;
  service: string | null;
  destination: { country: string; region?: string | null; postalCode?: string; city?: string; line1?: string } | null;
  lines: { orderLineId: string; variantId: string | null; quantity: number }[];
}

export interface Label {
  trackingNumber: string;
  trackingUrl: string | null;
  labelUrl?: string | null;
}

export interface CarrierQuote { service: string; amount: number; currency: string; days?: number }

export interface Carrier {
  /** The name staff choose and events carry, e.g. 'flat-rate'. */
  readonly name: string;
  quote?(shipment: Shipment): Promise<CarrierQuote[]>;
  /** Buys (or makes) a label; calling it again for the same fulfilment must give the same tracking number. */
  createLabel(shipment: Shipment): Promise<Label>;
}
