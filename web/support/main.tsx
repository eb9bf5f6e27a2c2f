/** The support app (placeholder until it is built out): served at /support, hash routes under it. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell, Card, PageHeader, ToastProvider } from '@shared/ui';

function App() {
  return (
    <AppShell header={<div style={{ padding: '12px 24px', fontWeight: 700 }}>Emporia support</div>}>
      <div style={{ padding: 24 }}>
        <PageHeader title="Emporia support" subtitle="Coming soon." />
        <Card><p>This app is being built.</p></Card>
      </div>
    </AppShell>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><ToastProvider><App /></ToastProvider></StrictMode>);
