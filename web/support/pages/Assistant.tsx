/**
 * The support assistant's brand voice (`GET`/`PATCH /admin/support/assistant`): answers on or off,
 * tone, name and signature, with a preview of replies in that voice. Everyone with the console
 * reads it; only staff with settings:manage can change it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '@shared/api/client';
import { Alert, Button, Card, Checkbox, Input, Select, Spinner, TextArea, useToast } from '@shared/ui';
import { formatDateTime } from '@shared/format';
// The assistant's own wording, so the preview cannot drift from its replies; the module is pure (no server code).
import { inVoice, phrase, stateWord, type Tone } from '../../../src/ai/agents/support-assistant/domain/templates';
import { api, call } from '../app/session';
import { send } from '../app/send';

interface Settings { enabled: boolean; tone: Tone; name: string; signature: string; updatedAt: string | null }

const TONES: { value: Tone; label: string }[] = [
  { value: 'friendly', label: 'Friendly — a warm opening and an offer of more help' },
  { value: 'formal', label: 'Formal — thanks the customer and closes politely' },
  { value: 'concise', label: 'Concise — the answer only' },
];

/** A greeting and a first answer as the assistant would write them (in English) in this voice. */
function Preview({ voice }: { voice: Omit<Settings, 'updatedAt' | 'enabled'> }) {
  const v = { ...voice, name: voice.name.trim(), signature: voice.signature.trim() };
  const greeting = inVoice('en', v, phrase('en', 'greeting', { assistant: v.name || '…' }));
  const answer = inVoice('en', v, phrase('en', 'order.status', { number: '#1042', state: stateWord('en', 'shipped') }), { open: true, close: true });
  return (
    <Card title="Preview">
      <p className="sc-muted">How the assistant greets a customer, and how it words a first answer.</p>
      <p className="sc-preview__label">Greeting</p>
      <blockquote className="sc-preview" data-testid="preview-greeting">{greeting}</blockquote>
      <p className="sc-preview__label">An answer</p>
      <blockquote className="sc-preview" data-testid="preview-answer">{answer}</blockquote>
    </Card>
  );
}

export function AssistantPage({ canManage }: { canManage: boolean }) {
  const toast = useToast();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [form, setForm] = useState<Omit<Settings, 'updatedAt'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = (s: Settings) => { setSaved(s); setForm({ enabled: s.enabled, tone: s.tone, name: s.name, signature: s.signature }); };
  useEffect(() => {
    call(() => api.GET('/admin/support/assistant')).then((s) => show(s as Settings))
      .catch((e) => setError(e instanceof ApiError ? e.message : 'Could not load the assistant settings'));
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setError(null);
    setBusy(true);
    try {
      // Length limits are the API's: its message says which field is wrong.
      show(await call(() => send('PATCH', '/admin/support/assistant', { ...form, name: form.name.trim(), signature: form.signature.trim() })) as Settings);
      toast.success('Assistant settings saved');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not save');
    } finally {
      setBusy(false);
    }
  };

  if (!form) return error ? <Alert tone="danger">{error}</Alert> : <div className="sc-center"><Spinner label="Loading the assistant settings" /></div>;
  const ro = !canManage;
  return (
    <div className="sc-assistant-page">
      <h1 className="sc-list__title">Assistant</h1>
      <div className="sc-canned-grid">
        <Card title="Brand voice">
          {ro && <Alert tone="info">You can see these settings; changing them needs the settings:manage permission.</Alert>}
          {error && <Alert tone="danger" title="Not saved">{error}</Alert>}
          <form onSubmit={save}>
            <Checkbox label="The assistant answers customers (when off, it only drafts replies and summaries for agents)" checked={form.enabled} disabled={ro}
              onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
            <Select label="Tone" value={form.tone} disabled={ro} options={TONES} onChange={(e) => setForm({ ...form, tone: e.target.value as Tone })} />
            <Input label="Name" hint="What the assistant calls itself, up to 60 characters." value={form.name} disabled={ro} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            <TextArea label="Signature" hint="Added under every reply, up to 200 characters; leave empty for none." value={form.signature} disabled={ro} rows={2}
              onChange={(e) => setForm({ ...form, signature: e.target.value })} />
            {saved?.updatedAt && <p className="sc-muted">Last changed {formatDateTime(saved.updatedAt)}.</p>}
            {canManage && <div className="sc-canned-actions"><Button type="submit" busy={busy}>Save</Button></div>}
          </form>
        </Card>
        <Preview voice={form} />
      </div>
    </div>
  );
}
