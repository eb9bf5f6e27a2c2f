/** The entities we pull out of a customer message, each with its span in the original text. */

interface Span { text: string; start: number; end: number }

export interface OrderNumberEntity extends Span { type: 'order_number'; value: string }
export interface EmailEntity extends Span { type: 'email'; value: string }
/** `value` is digits with a leading `+` when the customer wrote one (not validated against a numbering plan). */
export interface PhoneEntity extends Span { type: 'phone'; value: string }
/** Money in integer minor units (DESIGN: never a float); currency is null when the text names none. */
export interface AmountEntity extends Span { type: 'amount'; value: { minor: number; currency: string | null } }
/** `iso` (YYYY-MM-DD) is set when the date is absolute, or relative and a reference date was given. */
export interface DateEntity extends Span { type: 'date'; value: { iso: string | null; relative: boolean } }
export interface ProductEntity extends Span { type: 'product'; value: { name: string; id?: string; score: number } }

export type Entity = OrderNumberEntity | EmailEntity | PhoneEntity | AmountEntity | DateEntity | ProductEntity;

export type EntityType = Entity['type'];
