/** Shapes the console reads (the same as the server's support DTOs). */
export interface Summary {
  id: string; channel: string; status: 'open' | 'pending' | 'resolved' | 'closed'; priority: 'low' | 'normal' | 'high' | 'urgent'; queue: string; tags: string[];
  customerId: string | null; guest: boolean; email: string | null; name: string | null; subject: string | null;
  assigneeId: string | null; escalated: boolean; escalatedAt: string | null; escalationReason: string | null; summary: string | null;
  language: string | null; intent: string | null; sentiment: number | null; urgency: number | null;
  messageCount: number; lastMessageAt: string; lastMessagePreview: string; lastAuthorKind: string; waitingSince: string | null;
  firstResponseAt: string | null; firstResponseDueAt: string; slaBreached: boolean; resolvedAt: string | null; createdAt: string;
  resolutionDueAt: string; resolutionBreached: boolean; phone: string | null; vip: boolean; routingReason: string | null; escalationRules: string[]; reopenCount: number;
}
export interface Message { id: string; author: { kind: string; id: string | null; name: string | null }; body: string; createdAt: string; intent: string | null; sentiment: number | null }
export interface Note { id: string; kind: 'note' | 'activity'; author: string; authorName: string | null; body: string; createdAt: string }
export interface Suggestion { id: string; kind: string; body: string; source: string; status: string; createdAt: string }
export interface Conversation extends Summary { assigneeName: string | null; messages: Message[]; notes: Note[]; suggestions: Suggestion[]; actions: string[] }
export interface Counts {
  all: number; active: number; open: number; pending: number; resolved: number; closed: number; mine: number; unassigned: number; escalated: number; breached: number;
  queues: Record<string, number>; priorities: Record<string, number>;
}
export interface Agent { id: string; name: string; email: string; role: string; assigned: number; languages: string[]; queues: string[]; maxLoad: number; lead: boolean; available: boolean }
export interface Canned { id: string; title: string; shortcut: string | null; body: string; active: boolean }
export interface CustomerContext {
  customer: { id: string; email: string; firstName: string; lastName: string; phone: string | null; status: string; createdAt: string } | null;
  guest: { email: string | null; name: string | null } | null;
  matchedBy: string | null;
  orders: { id: string; displayNumber: string; status: string; paymentStatus: string; fulfillmentStatus: string; total: number; currency: string; itemCount: number; placedAt: string }[];
  orderCount: number;
  lifetimeValue: { currency: string; amount: number; orders: number }[];
  firstOrderAt: string | null; lastOrderAt: string | null;
  sentiment: { score: number; label: string; at: string | null } | null;
  conversations: number;
}
