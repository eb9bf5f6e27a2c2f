/**
 * Settings: taxes (classes, rates, prices including tax), shipping zones and methods, stock
 * locations, and the payment side (read-only: providers come from the environment).
 */
import { useState } from 'react';
import { Button, Card, Checkbox, Input, PageHeader, Select, Table, Tabs, useToast } from '@shared/ui';
import { formatPercentBp, parseMoney } from '@shared/format';
import { call } from '../app/api';
import { setQuery, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useAsync } from '../app/use-async';
import { ListCard } from '../components/ListCard';
import { Detail, ErrorNote, FormDialog, fieldError, humanise, money } from '../components/bits';

type Tab = 'taxes' | 'shipping' | 'payments' | 'locations';

interface TaxClass { id: string; code: string; name: string }
interface TaxRate { id: string; taxClassId: string; name: string; country: string; region: string | null; postalPrefix: string | null; rateBp: number }
interface Area { country: string; region: string | null }
interface Zone { id: string; name: string; areas: Area[]; active: boolean }
interface Bracket { upToGrams: number | null; amount: number }
interface Method { id: string; kind: string; name: string; zoneId: string | null; locationId: string | null; currency: string | null; brackets: Bracket[]; freeOverSubtotal: number | null; active: boolean }
interface Address { line1: string; line2: string | null; city: string; region: string | null; postalCode: string; country: string }
interface StockLocation { id: string; code: string | null; name: string; kind: string; pickup: boolean; active: boolean; address: Address; priority: number }

/** Runs a mutation from a row button: toast the outcome, refresh on success. */
function useAct(refresh: () => void) {
  const toast = useToast();
  return async (f: () => Promise<unknown>, msg: string) => {
    try { await f(); toast.success(msg); refresh(); } catch (e) { toast.error((e as Error).message); }
  };
}

/** `submit(f)`: runs f, closing through onDone on success, else keeps the error for the form. */
function useSubmit(onDone: () => void) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (f: () => Promise<unknown>) => {
    setBusy(true);
    try { await f(); setError(undefined); onDone(); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return { error, busy, submit, setError };
}

export function SettingsPage() {
  const { query } = useLocation();
  const tab = (query.get('tab') as Tab) || 'taxes';
  return (
    <>
      <PageHeader title="Settings" />
      <Tabs<Tab> label="Settings" value={tab} onChange={(k) => setQuery({ tab: k })} tabs={[{ key: 'taxes', label: 'Taxes' }, { key: 'shipping', label: 'Shipping' }, { key: 'payments', label: 'Payments' }, { key: 'locations', label: 'Locations' }]} />
      <div className="tab-body">
        {tab === 'taxes' && <TaxesTab />}
        {tab === 'shipping' && <ShippingTab />}
        {tab === 'payments' && <PaymentsTab />}
        {tab === 'locations' && <LocationsTab />}
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------------------------- taxes

function TaxesTab() {
  const { can } = useSession();
  const write = can('settings:manage');
  const toast = useToast();
  const [refresh, setRefresh] = useState(0);
  const bump = () => setRefresh((n) => n + 1);
  const act = useAct(bump);
  const settings = useAsync(() => call<{ pricesIncludeTax: boolean }>('GET', '/admin/tax/settings'), []);
  const classes = useAsync(() => call<{ items: TaxClass[] }>('GET', '/admin/tax/classes').then((r) => r.items), [refresh]);
  const [rateDialog, setRateDialog] = useState<TaxRate | 'new' | null>(null);
  const [classDialog, setClassDialog] = useState<TaxClass | 'new' | null>(null);
  const className = (id: string) => classes.data?.find((c) => c.id === id)?.name ?? id;
  const toggle = async (v: boolean) => {
    try {
      settings.setData(await call('PUT', '/admin/tax/settings', { body: { pricesIncludeTax: v } }));
      toast.success(v ? 'Prices now include tax' : 'Tax is now added at checkout');
    } catch (e) { toast.error((e as Error).message); }
  };
  return (
    <>
      <Card title="Prices and tax">
        <ErrorNote error={settings.error} />
        <Checkbox label="Shelf prices include tax (VAT style); otherwise tax is added at checkout" checked={settings.data?.pricesIncludeTax ?? false}
          disabled={!write || !settings.data} onChange={(e) => void toggle(e.target.checked)} />
      </Card>
      <ListCard<TaxClass> title="Tax classes" path="/admin/tax/classes" refresh={refresh} rowKey={(c) => c.id}
        actions={write && <Button size="sm" variant="secondary" onClick={() => setClassDialog('new')}>Add class</Button>}
        columns={[
          { key: 'n', header: 'Class', render: (c) => <strong>{c.name}</strong> },
          { key: 'c', header: 'Code', render: (c) => <code>{c.code}</code> },
          { key: 'x', header: '', align: 'right', render: (c) => write && <Button size="sm" variant="ghost" aria-label={`Rename ${c.name}`} onClick={() => setClassDialog(c)}>Rename</Button> },
        ]} />
      <ListCard<TaxRate> title="Tax rates" path="/admin/tax/rates" refresh={refresh} rowKey={(r) => r.id} empty="No tax rates yet."
        actions={write && <Button size="sm" onClick={() => setRateDialog('new')}>Add rate</Button>}
        columns={[
          { key: 'n', header: 'Name', render: (r) => <strong>{r.name}</strong> },
          { key: 'k', header: 'Class', render: (r) => className(r.taxClassId) },
          { key: 'c', header: 'Where', render: (r) => [r.country, r.region, r.postalPrefix && `${r.postalPrefix}…`].filter(Boolean).join(' · ') },
          { key: 'r', header: 'Rate', align: 'right', render: (r) => formatPercentBp(r.rateBp) },
          { key: 'x', header: '', align: 'right', render: (r) => write && <span className="row-actions">
            <Button size="sm" variant="ghost" aria-label={`Edit ${r.name}`} onClick={() => setRateDialog(r)}>Edit</Button>
            <Button size="sm" variant="ghost" aria-label={`Delete ${r.name}`} onClick={() => { if (confirm(`Delete the rate ${r.name}?`)) void act(() => call('DELETE', `/admin/tax/rates/${r.id}`), 'Rate deleted'); }}>Delete</Button>
          </span> },
        ]} />
      {rateDialog && <RateDialog rate={rateDialog === 'new' ? undefined : rateDialog} classes={classes.data ?? []} onClose={() => setRateDialog(null)}
        onDone={() => { setRateDialog(null); toast.success(rateDialog === 'new' ? 'Rate added' : 'Rate saved'); bump(); }} />}
      {classDialog && <ClassDialog cls={classDialog === 'new' ? undefined : classDialog} onClose={() => setClassDialog(null)}
        onDone={() => { setClassDialog(null); toast.success('Tax class saved'); bump(); }} />}
    </>
  );
}

function ClassDialog({ cls, onClose, onDone }: { cls?: TaxClass; onClose(): void; onDone(): void }) {
  const [code, setCode] = useState(cls?.code ?? '');
  const [name, setName] = useState(cls?.name ?? '');
  const { error, busy, submit } = useSubmit(onDone);
  const save = () => void submit(() => (cls
    ? call('PATCH', `/admin/tax/classes/${cls.id}`, { body: { name: name.trim() } })
    : call('POST', '/admin/tax/classes', { body: { code: code.trim(), name: name.trim() } })));
  return (
    <FormDialog title={cls ? `Rename ${cls.name}` : 'Add tax class'} submitLabel={cls ? 'Save' : 'Add class'} onClose={onClose} onSubmit={save} error={error} busy={busy}>
      {!cls && <Input label="Code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="reduced" error={fieldError(error, 'code')} />}
      <Input label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Reduced rate" error={fieldError(error, 'name')} />
    </FormDialog>
  );
}

/** "8.25" → 825 basis points; NaN when it is not a number. */
const toBp = (s: string) => (s.trim() === '' ? NaN : Math.round(Number(s.replace(',', '.').replace('%', '')) * 100));

function RateDialog({ rate, classes, onClose, onDone }: { rate?: TaxRate; classes: TaxClass[]; onClose(): void; onDone(): void }) {
  const [taxClassId, setClassId] = useState(rate?.taxClassId ?? (classes.find((c) => c.code === 'standard') ?? classes[0])?.id ?? '');
  const [name, setName] = useState(rate?.name ?? '');
  const [country, setCountry] = useState(rate?.country ?? '');
  const [region, setRegion] = useState(rate?.region ?? '');
  const [postalPrefix, setPostal] = useState(rate?.postalPrefix ?? '');
  const [percent, setPercent] = useState(rate ? String(rate.rateBp / 100) : '');
  const { error, busy, submit, setError } = useSubmit(onDone);
  const save = () => {
    const rateBp = toBp(percent);
    if (Number.isNaN(rateBp)) { setError({ message: 'Enter the rate as a percentage, e.g. 8.25', details: [{ field: 'body.rateBp', message: 'must be a number' }] }); return; }
    const body = { taxClassId, name: name.trim(), country: country.trim().toUpperCase(), region: region.trim() || null, postalPrefix: postalPrefix.trim() || null, rateBp };
    void submit(() => (rate ? call('PATCH', `/admin/tax/rates/${rate.id}`, { body }) : call('POST', '/admin/tax/rates', { body })));
  };
  return (
    <FormDialog title={rate ? `Edit ${rate.name}` : 'Add tax rate'} submitLabel={rate ? 'Save rate' : 'Add rate'} onClose={onClose} onSubmit={save} error={error} busy={busy}>
      <Select label="Tax class" value={taxClassId} onChange={(e) => setClassId(e.target.value)} options={classes.map((c) => ({ value: c.id, label: c.name }))} error={fieldError(error, 'taxClassId')} />
      <Input label="Rate name" value={name} onChange={(e) => setName(e.target.value)} placeholder="California sales tax" error={fieldError(error, 'name')} />
      <div className="form-row">
        <Input label="Country" value={country} maxLength={2} onChange={(e) => setCountry(e.target.value.toUpperCase())} placeholder="US" error={fieldError(error, 'country')} />
        <Input label="Region (optional)" value={region} onChange={(e) => setRegion(e.target.value.toUpperCase())} placeholder="CA" error={fieldError(error, 'region')} />
        <Input label="Postal prefix (optional)" value={postalPrefix} onChange={(e) => setPostal(e.target.value)} placeholder="94" error={fieldError(error, 'postalPrefix')} />
      </div>
      <Input label="Rate (%)" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} placeholder="8.25" error={fieldError(error, 'rateBp')} />
    </FormDialog>
  );
}

// ------------------------------------------------------------------------------------------- shipping

const areaText = (a: Area) => (a.region ? `${a.country}-${a.region}` : a.country);

/** "US, CA-QC" (commas or lines) → areas; a region follows its country after the first dash. */
function parseAreas(text: string): Area[] {
  return text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean).map((s) => {
    const i = s.indexOf('-');
    return i < 0 ? { country: s.toUpperCase(), region: null } : { country: s.slice(0, i).trim().toUpperCase(), region: s.slice(i + 1).trim().toUpperCase() || null };
  });
}

function ShippingTab() {
  const { can } = useSession();
  const write = can('settings:manage');
  const toast = useToast();
  const [refresh, setRefresh] = useState(0);
  const bump = () => setRefresh((n) => n + 1);
  const act = useAct(bump);
  const zones = useAsync(() => call<{ items: Zone[] }>('GET', '/admin/shipping/zones', { query: { includeInactive: true } }).then((r) => r.items), [refresh]);
  const locations = useAsync(() => call<{ items: StockLocation[] }>('GET', '/admin/locations', { query: { includeInactive: true } }).then((r) => r.items), []);
  const [zoneDialog, setZoneDialog] = useState<Zone | 'new' | null>(null);
  const [methodDialog, setMethodDialog] = useState<Method | 'new' | null>(null);
  const zoneName = (id: string | null) => (id ? zones.data?.find((z) => z.id === id)?.name ?? id : '—');
  const locationName = (id: string | null) => (id ? locations.data?.find((l) => l.id === id)?.name ?? id : '—');
  const price = (m: Method) => {
    if (m.kind !== 'delivery') return 'Free';
    const cur = m.currency ?? 'USD';
    const parts = m.brackets.map((b) => `${money(b.amount, cur)}${b.upToGrams ? ` ≤ ${b.upToGrams} g` : ''}`);
    return `${parts.join(', ') || '—'}${m.freeOverSubtotal !== null ? ` · free over ${money(m.freeOverSubtotal, cur)}` : ''}`;
  };
  return (
    <>
      <ListCard<Zone> title="Zones" path="/admin/shipping/zones" query={{ includeInactive: true }} refresh={refresh} rowKey={(z) => z.id} empty="No zones yet."
        actions={write && <Button size="sm" variant="secondary" onClick={() => setZoneDialog('new')}>Add zone</Button>}
        columns={[
          { key: 'n', header: 'Zone', render: (z) => <strong>{z.name}</strong> },
          { key: 'a', header: 'Areas', render: (z) => z.areas.map(areaText).join(', ') },
          { key: 's', header: 'Status', render: (z) => (z.active ? 'Active' : 'Archived') },
          { key: 'x', header: '', align: 'right', render: (z) => write && <span className="row-actions">
            <Button size="sm" variant="ghost" aria-label={`Edit zone ${z.name}`} onClick={() => setZoneDialog(z)}>Edit</Button>
            {z.active
              ? <Button size="sm" variant="ghost" aria-label={`Archive zone ${z.name}`} onClick={() => { if (confirm(`Archive ${z.name}? Its methods stop being offered.`)) void act(() => call('DELETE', `/admin/shipping/zones/${z.id}`), 'Zone archived'); }}>Archive</Button>
              : <Button size="sm" variant="ghost" aria-label={`Restore zone ${z.name}`} onClick={() => void act(() => call('PATCH', `/admin/shipping/zones/${z.id}`, { body: { active: true } }), 'Zone restored')}>Restore</Button>}
          </span> },
        ]} />
      <ListCard<Method> title="Methods" path="/admin/shipping/methods" query={{ includeInactive: true }} refresh={refresh} rowKey={(m) => m.id} empty="No shipping methods yet."
        actions={write && <Button size="sm" onClick={() => setMethodDialog('new')}>Add method</Button>}
        columns={[
          { key: 'n', header: 'Method', render: (m) => <strong>{m.name}</strong> },
          { key: 'k', header: 'Kind', render: (m) => humanise(m.kind) },
          { key: 'w', header: 'Where', render: (m) => (m.kind === 'delivery' ? zoneName(m.zoneId) : locationName(m.locationId)) },
          { key: 'p', header: 'Price', render: price },
          { key: 'a', header: 'Status', render: (m) => (m.active ? 'Active' : 'Archived') },
          { key: 'x', header: '', align: 'right', render: (m) => write && <span className="row-actions">
            <Button size="sm" variant="ghost" aria-label={`Edit method ${m.name}`} onClick={() => setMethodDialog(m)}>Edit</Button>
            {m.active
              ? <Button size="sm" variant="ghost" aria-label={`Archive method ${m.name}`} onClick={() => { if (confirm(`Archive ${m.name}?`)) void act(() => call('DELETE', `/admin/shipping/methods/${m.id}`), 'Method archived'); }}>Archive</Button>
              : <Button size="sm" variant="ghost" aria-label={`Restore method ${m.name}`} onClick={() => void act(() => call('PATCH', `/admin/shipping/methods/${m.id}`, { body: { active: true } }), 'Method restored')}>Restore</Button>}
          </span> },
        ]} />
      {zoneDialog && <ZoneDialog zone={zoneDialog === 'new' ? undefined : zoneDialog} onClose={() => setZoneDialog(null)}
        onDone={() => { setZoneDialog(null); toast.success('Zone saved'); bump(); }} />}
      {methodDialog && <MethodDialog method={methodDialog === 'new' ? undefined : methodDialog} zones={(zones.data ?? []).filter((z) => z.active)} locations={(locations.data ?? []).filter((l) => l.active)}
        onClose={() => setMethodDialog(null)} onDone={() => { setMethodDialog(null); toast.success('Method saved'); bump(); }} />}
    </>
  );
}

function ZoneDialog({ zone, onClose, onDone }: { zone?: Zone; onClose(): void; onDone(): void }) {
  const [name, setName] = useState(zone?.name ?? '');
  const [areas, setAreas] = useState(zone ? zone.areas.map(areaText).join(', ') : '');
  const { error, busy, submit } = useSubmit(onDone);
  const save = () => {
    const body = { name: name.trim(), areas: parseAreas(areas) };
    void submit(() => (zone ? call('PATCH', `/admin/shipping/zones/${zone.id}`, { body }) : call('POST', '/admin/shipping/zones', { body })));
  };
  return (
    <FormDialog title={zone ? `Edit ${zone.name}` : 'Add shipping zone'} submitLabel={zone ? 'Save zone' : 'Add zone'} onClose={onClose} onSubmit={save} error={error} busy={busy}>
      <Input label="Zone name" value={name} onChange={(e) => setName(e.target.value)} placeholder="North America" error={fieldError(error, 'name')} />
      <Input label="Areas" hint="Countries, or a region of a country after a dash, separated by commas: US, CA-QC, CA-ON" value={areas}
        onChange={(e) => setAreas(e.target.value)} placeholder="US, CA-QC" error={fieldError(error, 'areas')} />
    </FormDialog>
  );
}

interface BracketRow { upTo: string; amount: string }

function MethodDialog({ method, zones, locations, onClose, onDone }: { method?: Method; zones: Zone[]; locations: StockLocation[]; onClose(): void; onDone(): void }) {
  const cur0 = method?.currency ?? 'USD';
  const [kind, setKind] = useState(method?.kind ?? 'delivery');
  const [name, setName] = useState(method?.name ?? '');
  const [zoneId, setZoneId] = useState(method?.zoneId ?? zones[0]?.id ?? '');
  const [locationId, setLocationId] = useState(method?.locationId ?? locations.find((l) => l.pickup)?.id ?? locations[0]?.id ?? '');
  const [currency, setCurrency] = useState(cur0);
  const [brackets, setBrackets] = useState<BracketRow[]>(method?.brackets.length
    ? method.brackets.map((b) => ({ upTo: b.upToGrams === null ? '' : String(b.upToGrams), amount: (b.amount / 100).toFixed(2) }))
    : [{ upTo: '', amount: '' }]);
  const [freeOver, setFreeOver] = useState(method?.freeOverSubtotal != null ? (method.freeOverSubtotal / 100).toFixed(2) : '');
  const { error, busy, submit, setError } = useSubmit(onDone);
  const setBracket = (i: number, patch: Partial<BracketRow>) => setBrackets((bs) => bs.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const save = () => {
    const delivery = kind === 'delivery';
    let body: Record<string, unknown>;
    if (delivery) {
      const parsed: Bracket[] = [];
      for (const [i, b] of brackets.entries()) {
        const amount = parseMoney(b.amount, currency);
        const upToGrams = b.upTo.trim() === '' ? null : Number(b.upTo);
        if (amount === null || (upToGrams !== null && !Number.isInteger(upToGrams))) {
          setError({ message: `Bracket ${i + 1}: enter a price and a whole number of grams (or leave the weight empty for any weight)`, details: [{ field: `body.brackets[${i}]`, message: 'is not valid' }] });
          return;
        }
        parsed.push({ upToGrams, amount });
      }
      const free = freeOver.trim() === '' ? null : parseMoney(freeOver, currency);
      if (freeOver.trim() !== '' && free === null) { setError({ message: 'Free over: enter an amount, or leave it empty', details: [{ field: 'body.freeOverSubtotal', message: 'is not an amount' }] }); return; }
      body = { kind, name: name.trim(), zoneId: zoneId || null, locationId: null, currency: currency.trim().toUpperCase(), brackets: parsed, freeOverSubtotal: free };
    } else {
      body = { kind, name: name.trim(), locationId: locationId || null, zoneId: null, brackets: [], freeOverSubtotal: null };
    }
    void submit(() => (method ? call('PATCH', `/admin/shipping/methods/${method.id}`, { body }) : call('POST', '/admin/shipping/methods', { body })));
  };
  return (
    <FormDialog title={method ? `Edit ${method.name}` : 'Add shipping method'} submitLabel={method ? 'Save method' : 'Add method'} onClose={onClose} onSubmit={save} error={error} busy={busy}>
      <Select label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} error={fieldError(error, 'kind')}
        options={[{ value: 'delivery', label: 'Delivery to an address' }, { value: 'pickup', label: 'Pickup in store' }, { value: 'curbside', label: 'Curbside pickup' }]} />
      <Input label="Method name" value={name} onChange={(e) => setName(e.target.value)} placeholder={kind === 'delivery' ? 'Standard' : 'Pick up at the store'} error={fieldError(error, 'name')} />
      {kind === 'delivery' ? <>
        <div className="form-row">
          <Select label="Zone" value={zoneId} onChange={(e) => setZoneId(e.target.value)} error={fieldError(error, 'zoneId')}
            options={zones.length ? zones.map((z) => ({ value: z.id, label: z.name })) : [{ value: '', label: 'Add a zone first' }]} />
          <Input label="Currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} error={fieldError(error, 'currency')} />
        </div>
        <fieldset className="brackets">
          <legend>Weight brackets</legend>
          <p className="ui-hint">Each parcel pays the first bracket it fits; leave the weight empty on the last for any weight.</p>
          {brackets.map((b, i) => (
            <div className="form-row" key={i}>
              <Input label={`Bracket ${i + 1} up to (g)`} inputMode="numeric" value={b.upTo} onChange={(e) => setBracket(i, { upTo: e.target.value.replace(/\D/g, '') })} placeholder="any weight"
                error={fieldError(error, `brackets[${i}].upToGrams`)} />
              <Input label={`Bracket ${i + 1} price (${currency})`} inputMode="decimal" value={b.amount} onChange={(e) => setBracket(i, { amount: e.target.value })} placeholder="5.00"
                error={fieldError(error, `brackets[${i}].amount`)} />
              {brackets.length > 1 && <Button size="sm" variant="ghost" aria-label={`Remove bracket ${i + 1}`} onClick={() => setBrackets((bs) => bs.filter((_, j) => j !== i))}>Remove</Button>}
            </div>
          ))}
          <Button size="sm" variant="secondary" onClick={() => setBrackets((bs) => [...bs, { upTo: '', amount: '' }])}>Add bracket</Button>
        </fieldset>
        <Input label="Free over (order subtotal, optional)" inputMode="decimal" value={freeOver} onChange={(e) => setFreeOver(e.target.value)} placeholder="75.00" error={fieldError(error, 'freeOverSubtotal')} />
      </> : (
        <Select label="Location" value={locationId} onChange={(e) => setLocationId(e.target.value)} error={fieldError(error, 'locationId')}
          options={locations.length ? locations.map((l) => ({ value: l.id, label: `${l.name}${l.pickup ? '' : ' (pickup off)'}` })) : [{ value: '', label: 'Add a location first' }]} />
      )}
    </FormDialog>
  );
}

// ------------------------------------------------------------------------------------------ payments

interface Payment { id: string; provider: string; status: string; amount: number; currency: string; reference: string }

const PROVIDER_NOTES: Record<string, string> = {
  test: 'Test cards (tok_visa, tok_decline …); never in production',
  manual: 'Taken outside the store (bank transfer, invoice)',
  cash: 'Cash at the counter',
  stripe: 'Stripe PaymentIntents (STRIPE_SECRET_KEY)',
  store_credit: "The customer's store credit balance",
};

function PaymentsTab() {
  const settings = useAsync(() => call<{ providers: { name: string; webhooks: boolean }[]; captureMode: string }>('GET', '/admin/payments/settings'), []);
  const recent = useAsync(() => call<{ items: Payment[] }>('GET', '/admin/payments', { query: { limit: 100 } }).then((r) => r.items), []);
  const used = (name: string) => (recent.data ?? []).filter((p) => p.provider === name).length;
  return (
    <>
      <Card title="Providers and capture">
        <ErrorNote error={settings.error} />
        <p className="muted">Set by the server's environment (<code>STRIPE_SECRET_KEY</code>, <code>STRIPE_WEBHOOK_SECRET</code>, <code>CAPTURE_MODE</code>); read-only here.</p>
        {settings.data && <>
          <dl className="admin-details">
            <Detail label="Capture">{settings.data.captureMode === 'fulfilment'
              ? <><strong>At fulfilment</strong> — authorised at checkout, captured when goods first leave</>
              : <><strong>Immediate</strong> — captured at checkout</>}</Detail>
          </dl>
          <Table<{ name: string; webhooks: boolean }> caption="Configured payment providers" rows={settings.data.providers} rowKey={(p) => p.name} columns={[
            { key: 'n', header: 'Provider', render: (p) => <strong>{humanise(p.name)}</strong> },
            { key: 'd', header: 'What it is', render: (p) => PROVIDER_NOTES[p.name] ?? '—' },
            { key: 'w', header: 'Webhooks', render: (p) => (p.name === 'stripe' ? (p.webhooks ? 'Signed, on' : 'Off (no STRIPE_WEBHOOK_SECRET)') : '—') },
            { key: 'u', header: 'Recent payments', align: 'right', render: (p) => (recent.data ? used(p.name) : '…') },
          ]} />
        </>}
      </Card>
      <ListCard<Payment> title="Recent payments" path="/admin/payments" query={{ limit: 25 }} rowKey={(p) => p.id} columns={[
        { key: 'p', header: 'Provider', render: (p) => p.provider },
        { key: 's', header: 'Status', render: (p) => humanise(p.status) },
        { key: 'a', header: 'Amount', align: 'right', render: (p) => money(p.amount, p.currency) },
        { key: 'r', header: 'Reference', render: (p) => <code className="small">{p.reference}</code> },
      ]} />
    </>
  );
}

// ----------------------------------------------------------------------------------------- locations

function LocationsTab() {
  const { can } = useSession();
  const write = can('inventory:write');
  const toast = useToast();
  const [refresh, setRefresh] = useState(0);
  const bump = () => setRefresh((n) => n + 1);
  const act = useAct(bump);
  const [dialog, setDialog] = useState<StockLocation | 'new' | null>(null);
  return (
    <>
      <ListCard<StockLocation> title="Stock locations" path="/admin/locations" query={{ includeInactive: true }} refresh={refresh} rowKey={(l) => l.id}
        actions={write && <Button size="sm" onClick={() => setDialog('new')}>Add location</Button>}
        columns={[
          { key: 'n', header: 'Location', render: (l) => <><strong>{l.name}</strong>{l.code && <> <code className="small">{l.code}</code></>}</> },
          { key: 'k', header: 'Kind', render: (l) => humanise(l.kind) },
          { key: 'p', header: 'Pickup', render: (l) => (l.pickup ? 'Yes' : '—') },
          { key: 'r', header: 'Priority', align: 'right', render: (l) => l.priority },
          { key: 'a', header: 'Address', render: (l) => [l.address.line1, l.address.city, l.address.country].filter(Boolean).join(', ') },
          { key: 's', header: 'Status', render: (l) => (l.active ? 'Active' : 'Archived') },
          { key: 'x', header: '', align: 'right', render: (l) => write && <span className="row-actions">
            <Button size="sm" variant="ghost" aria-label={`Edit location ${l.name}`} onClick={() => setDialog(l)}>Edit</Button>
            {l.active
              ? <Button size="sm" variant="ghost" aria-label={`Archive location ${l.name}`} onClick={() => { if (confirm(`Archive ${l.name}?`)) void act(() => call('DELETE', `/admin/locations/${l.id}`), 'Location archived'); }}>Archive</Button>
              : <Button size="sm" variant="ghost" aria-label={`Restore location ${l.name}`} onClick={() => void act(() => call('PATCH', `/admin/locations/${l.id}`, { body: { active: true } }), 'Location restored')}>Restore</Button>}
          </span> },
        ]} />
      {dialog && <LocationDialog location={dialog === 'new' ? undefined : dialog} onClose={() => setDialog(null)}
        onDone={() => { setDialog(null); toast.success('Location saved'); bump(); }} />}
    </>
  );
}

function LocationDialog({ location, onClose, onDone }: { location?: StockLocation; onClose(): void; onDone(): void }) {
  const a = location?.address;
  const [name, setName] = useState(location?.name ?? '');
  const [code, setCode] = useState(location?.code ?? '');
  const [kind, setKind] = useState(location?.kind ?? 'warehouse');
  const [pickup, setPickup] = useState(location?.pickup ?? false);
  const [priority, setPriority] = useState(String(location?.priority ?? 100));
  const [line1, setLine1] = useState(a?.line1 ?? '');
  const [line2, setLine2] = useState(a?.line2 ?? '');
  const [city, setCity] = useState(a?.city ?? '');
  const [region, setRegion] = useState(a?.region ?? '');
  const [postalCode, setPostal] = useState(a?.postalCode ?? '');
  const [country, setCountry] = useState(a?.country ?? '');
  const { error, busy, submit } = useSubmit(onDone);
  const save = () => {
    const body = {
      name: name.trim(), kind, pickup, priority: Number(priority || 0),
      ...(code.trim() ? { code: code.trim() } : {}),
      address: { line1: line1.trim(), line2: line2.trim() || null, city: city.trim(), region: region.trim() || null, postalCode: postalCode.trim(), country: country.trim().toUpperCase() },
    };
    void submit(() => (location ? call('PATCH', `/admin/locations/${location.id}`, { body }) : call('POST', '/admin/locations', { body })));
  };
  const af = (f: string) => fieldError(error, `address.${f}`);
  return (
    <FormDialog title={location ? `Edit ${location.name}` : 'Add stock location'} submitLabel={location ? 'Save location' : 'Add location'} onClose={onClose} onSubmit={save} error={error} busy={busy}>
      <div className="form-row">
        <Input label="Location name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Downtown store" error={fieldError(error, 'name')} />
        <Input label="Code (optional)" value={code} onChange={(e) => setCode(e.target.value)} placeholder="DT-1" error={fieldError(error, 'code')} />
      </div>
      <div className="form-row">
        <Select label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} options={[{ value: 'warehouse', label: 'Warehouse' }, { value: 'store', label: 'Store' }]} error={fieldError(error, 'kind')} />
        <Input label="Priority" hint="Lower is preferred when allocating stock" inputMode="numeric" value={priority} onChange={(e) => setPriority(e.target.value.replace(/\D/g, ''))} error={fieldError(error, 'priority')} />
      </div>
      <Checkbox label="Shoppers may pick up orders here" checked={pickup} onChange={(e) => setPickup(e.target.checked)} />
      <Input label="Address line 1" value={line1} onChange={(e) => setLine1(e.target.value)} error={af('line1')} />
      <Input label="Address line 2 (optional)" value={line2} onChange={(e) => setLine2(e.target.value)} error={af('line2')} />
      <div className="form-row">
        <Input label="City" value={city} onChange={(e) => setCity(e.target.value)} error={af('city')} />
        <Input label="Region (optional)" value={region} onChange={(e) => setRegion(e.target.value)} error={af('region')} />
      </div>
      <div className="form-row">
        <Input label="Postal code" value={postalCode} onChange={(e) => setPostal(e.target.value)} error={af('postalCode')} />
        <Input label="Country" value={country} maxLength={2} onChange={(e) => setCountry(e.target.value.toUpperCase())} placeholder="US" error={af('country')} />
      </div>
    </FormDialog>
  );
}
