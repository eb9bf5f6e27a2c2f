/** The admin app (placeholder until it is built out): served at /admin, hash routes under it. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell, Card, PageHeader, ToastProvider } from '@shared/ui';

function App() {
  return (
    <AppShell header={<div style={{ padding: '12px 24px', fontWeight: 700 }}>Emporia admin</div>}>
      <div style={{ padding: 24 }}>
        <PageHeader title="Emporia admin" subtitle="Coming soon." />
        <Card><p>This app is being built.</p></Card>
      </div>
    </AppShell>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><ToastProvider><App /></ToastProvider></StrictMode>);
