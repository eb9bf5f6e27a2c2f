/**
 * Two nodes on a private nats-server (so stopping it disturbs nobody else's tests).
 *
 * NATS goes away for 10 s in the middle of the load. Checkouts keep succeeding meanwhile — events
 * wait in the outbox — and once NATS is back every event reaches every consumer group, once, and
 * each aggregate's events in the order they were written.
 *
 * Both nodes run the scheduler (schedules are in code: `checkout.recover` every 15 s,
 * `inventory.expire_reservations` every 30 s): whichever node sees a tick first enqueues its job,
 * and each tick is enqueued once and run once across the cluster — including ticks that fell in
 * the outage. (One cluster for both saves a cluster start and the wait for ticks on a 2-core machine.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsNames } from '../../src/platform/events/index.js';
import { setupShop, type Shop } from '../support/shop.js';
import { sleep, startCluster, type Cluster } from './support/cluster.js';
import { PrivateNats } from './support/nats.js';
import { runTraffic } from './support/traffic.js';
import { checkEvents, checkOrderPerAggregate, checkOrders, checkPayments, expectNoProblems, scheduleRuns } from './support/verify.js';

const OUTAGE_MS = 10_000;

let nats: PrivateNats;
let cluster: Cluster;
let shop: Shop;
let handles: string[];

beforeAll(async () => {
  nats = await PrivateNats.start();
  cluster = await startCluster({ nodes: 2, natsUrl: nats.url });
  shop = await setupShop(cluster, { teeStock: { warehouse: 500, store: 0 }, mugStock: { warehouse: 500, store: 0 } });
  handles = (await cluster.api('GET', '/store/products?limit=50')).body.items.map((p: any) => p.handle);
}, 180_000);
afterAll(async () => {
  await cluster?.close();
  await nats?.close();
}, 60_000);

describe('NATS stopped for 10 s mid-load', () => {
  it('keeps taking orders, then delivers every event once, in order per aggregate', async () => {
    // The nodes really run their events through this NATS (not the embedded transport).
    const names = natsNames(cluster.namespace);
    expect(await nats.streams()).toEqual(expect.arrayContaining([names.events, names.jobs]));

    let outage: Promise<void> | undefined;
    let during = { placed: 0, unrelayed: 0 };
    let readyDuring: Awaited<ReturnType<Cluster['nodes'][number]['readiness']>>[] = [];
    let placed = 0;
    // Orders placed after NATS came back (the traffic goes on until there are some).
    let back = false;
    let placedAfter = 0;
    const traffic = await runTraffic(cluster.client, shop, handles, {
      shoppers: 6, checkouts: 70,
      onCheckout: (done, o) => {
        if (done === 10) {
          outage = (async () => {
            await nats.stop();
            const before = placed;
            await sleep(OUTAGE_MS);
            const [row] = await cluster.sql(`select count(*)::int as n from outbox where relayed = 0`);
            during = { placed: placed - before, unrelayed: row.n };
            // Tier 2 is down: both nodes stay in the balancer and name what is degraded.
            readyDuring = await Promise.all(cluster.nodes.map((n) => n.readiness()));
            await nats.start();
            back = true;
          })();
        }
        if (o.status === 201) placed++;
        if (o.status === 201 && back) placedAfter++;
      },
      keepGoing: () => !back || placedAfter < 15,
    });
    await outage;
    console.log('nats-outage traffic', JSON.stringify({ checkouts: traffic.outcomes.length, placed, during, placedAfter, requests: cluster.client.stats }));

    // Orders went on while NATS was away, and their events waited in the outbox.
    expect(during.placed).toBeGreaterThan(0);
    expect(during.unrelayed).toBeGreaterThan(0);
    expect(placedAfter).toBeGreaterThanOrEqual(15);
    for (const r of readyDuring) expect(r).toMatchObject({ code: 200, status: 'degraded', checks: { database: 'ok', nats: expect.stringMatching(/^failing/) } });
    expect(traffic.outcomes.filter((o) => o.status !== 201).map((o) => `${o.status} ${o.code}`)).toEqual([]);

    await cluster.settle(90_000);
    expectNoProblems('orders', await checkOrders(cluster, traffic.outcomes));
    expectNoProblems('payments', await checkPayments(cluster));
    expectNoProblems('events', await checkEvents(cluster));
    expectNoProblems('order per aggregate', await checkOrderPerAggregate(cluster));
  }, 180_000);
});

describe('two nodes running the scheduler', () => {
  it('runs each scheduled task once per tick', async () => {
    // Two ticks of the 15 s schedule and one of the 30 s one, each run (the load above usually
    // outlasts them; otherwise wait, up to 75 s).
    const t0 = Date.now();
    const ran = (rs: Awaited<ReturnType<typeof scheduleRuns>>) => rs.filter((r) => r.runs > 0).length;
    while (Date.now() - t0 < 75_000) {
      if (ran(await scheduleRuns(cluster, 'checkout.recover')) >= 2 && ran(await scheduleRuns(cluster, 'inventory.expire_reservations')) >= 1) break;
      await sleep(500);
    }
    await cluster.settle();
    const recover = await scheduleRuns(cluster, 'checkout.recover');
    const expire = await scheduleRuns(cluster, 'inventory.expire_reservations');
    console.log('schedule ticks', JSON.stringify({ recover, expire }));
    expect(recover.length).toBeGreaterThanOrEqual(2);
    expect(expire.length).toBeGreaterThanOrEqual(1);
    for (const r of [...recover, ...expire]) expect(r).toMatchObject({ enqueued: 1, runs: 1 });
    // Ticks are the schedule's period apart: no node fired one early, or a second time under another key.
    const at = (tick: string) => Date.parse(tick.slice(tick.indexOf('@') + 1));
    for (let i = 1; i < recover.length; i++) expect(at(recover[i].tick) - at(recover[i - 1].tick)).toBeGreaterThanOrEqual(15_000);
    for (const n of cluster.nodes) expect(n.alive, n.name).toBe(true);
  }, 120_000);
});
