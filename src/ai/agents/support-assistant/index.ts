/**
 * The support assistant's front door: registers the agent with the runtime, runs it on every
 * customer message (`support.message_received`, inside the delivery's transaction, so its reply,
 * hand-off and memory commit together), and serves the brand-voice settings to the admin.
 */
import { Type } from '@sinclair/typebox';
import { access, route, Strict, type ModuleDeps, type ModuleParts } from '../../../platform/index.js';
import { shippedIntentModel, shippedSentimentModel } from '../../ml/language/index.js';
import type { AgentRunner, AgentRuntime } from '../../runtime/index.js';
import { SupportMessageReceived } from '../../../modules/support/index.js';
import { supportAssistantAgent, ASSISTANT_NAME, ASSISTANT_SOURCE, ASSISTANT_VERSION } from './agent.js';
import { assistantMigrations, loadSettings, saveSettings } from './data/store.js';
import { assistantTools, ProductNames, type AssistantUses } from './tools.js';

export { ASSISTANT_NAME, ASSISTANT_SOURCE, ASSISTANT_VERSION };
export type { AssistantUses };

export interface SupportAssistantModule {
  parts: ModuleParts;
  /** Runs the assistant on one customer message (what the event trigger does), e.g. from the eval. */
  runner: AgentRunner<{ conversationId: string; messageId: string }, { text: string; kind: string; settled: boolean; checks: string[] }>;
  /** The product names the assistant matches questions against (refreshed every 15 s, or on demand). */
  products: ProductNames;
}

const SettingsDto = Type.Object({
  enabled: Type.Boolean({ description: 'answer and hand off on its own; when off the assistant only drafts replies and summaries for agents' }),
  tone: Type.Union([Type.Literal('friendly'), Type.Literal('formal'), Type.Literal('concise')]),
  name: Type.String({ description: 'what the assistant calls itself' }),
  signature: Type.String({ description: 'appended to every reply (may be empty)' }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
const SettingsBody = Strict({
  enabled: Type.Optional(Type.Boolean()),
  tone: Type.Optional(Type.Union([Type.Literal('friendly'), Type.Literal('formal'), Type.Literal('concise')])),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  signature: Type.Optional(Type.String({ maxLength: 200 })),
}, { minProperties: 1 });

export function createSupportAssistant(deps: ModuleDeps, uses: AssistantUses & { runtime: AgentRuntime }): SupportAssistantModule {
  const names = new ProductNames(uses.catalog);
  const runner = uses.runtime.register(supportAssistantAgent(uses, assistantTools(uses, names, deps.config.defaultCurrency), names));
  const trigger = uses.runtime.onEvent(runner, {
    types: [SupportMessageReceived.type],
    input: (_ctx, e) => ({ conversationId: e.payload.conversationId as string, messageId: e.payload.messageId as string }),
  });
  const tags = ['admin: support'];
  return {
    runner,
    products: names,
    parts: {
      name: 'support_assistant',
      migrations: assistantMigrations,
      // SUPPORT_ASSISTANT=false: support is left to people (tests of the human path use it too).
      subscriptions: deps.config.supportAssistant ? [trigger] : [],
      routes: [
        route({
          method: 'GET', url: '/admin/support/assistant', access: access.staff('support:read'), tags,
          summary: "The support assistant's brand voice: on or off, tone, name and signature",
          response: { 200: SettingsDto },
          handler: async ({ ctx }) => loadSettings(ctx.db),
        }),
        route({
          method: 'PATCH', url: '/admin/support/assistant', access: access.staff('settings:manage'), tags,
          summary: "Change the support assistant's brand voice (tone, name, signature) or switch its answers off",
          body: SettingsBody, response: { 200: SettingsDto },
          handler: async ({ ctx, body }) => {
            const now = await loadSettings(ctx.db);
            return saveSettings(ctx.db, {
              enabled: body.enabled ?? now.enabled, tone: body.tone ?? now.tone, name: body.name?.trim() ?? now.name, signature: body.signature?.trim() ?? now.signature,
            }, ctx.clock.now().toISOString());
          },
        }),
      ],
      // The shipped language models train on first use (~0.5 s): do it right after start rather
      // than before the first customer waits, and without adding it to the time until the store listens.
      async start() {
        setTimeout(() => { shippedIntentModel(); shippedSentimentModel(); }, 0).unref();
        await names.refresh();
        names.start(15_000);
      },
      async stop() { names.stop(); },
    },
  };
}
