/** The storefront (placeholder until it is built out): served at /, with history routes. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell, Card, PageHeader, ToastProvider } from '@shared/ui';

function App() {
  return (
    <AppShell header={<div style={{ padding: '12px 24px', fontWeight: 700 }}>Emporia</div>}>
      <div style={{ padding: 24 }}>
        <PageHeader title="Emporia" subtitle="The storefront is on its way." />
        <Card><p>Welcome.</p></Card>
      </div>
    </AppShell>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><ToastProvider><App /></ToastProvider></StrictMode>);
