// type-graphql and MikroORM decorators read design metadata: the polyfill must load before any entity or resolver.
import 'reflect-metadata';
import { loadConfig } from './config.js';
import { logger } from './logger.js';
import { migrate, openOrm } from './db/orm.js';
import { demoAnnouncements, seedDemoIfEmpty } from './db/seed/index.js';
import { createServer } from './server.js';
import { startDemandEscalation } from './modules/demand/index.js';
import { startRetention } from './modules/retention/index.js';
import { installDataKey } from './app/data-key.js';
import { assertNoDemoAccounts, assertProductionConfig, exitOnRefusal } from './app/demo-guard.js';
import { providerFromConfig, startNotificationWorker } from './modules/notification/index.js';

const config = loadConfig();
// published demo data, accounts and keys never serve a real installation (app/demo-guard.ts)
try {
  assertProductionConfig(config);
} catch (error) {
  exitOnRefusal(error);
}
// before the demo seed: it seals residents' personal data
installDataKey(config);
const orm = await openOrm(config.DATABASE_URL, config.DB_POOL_MAX);
const applied = await migrate(orm);
if (applied.length) logger.info({ applied }, 'migrations applied');
await assertNoDemoAccounts(orm, config).catch(async (error) => {
  await orm.close();
  exitOnRefusal(error);
});
if (config.DEMO_SEED) {
  const seeded = await seedDemoIfEmpty(orm);
  if (seeded) logger.info(seeded, 'demo data loaded');
  for (const line of seeded?.announce ?? (await demoAnnouncements(orm))) process.stdout.write(`${line}\n`);
}
const server = await createServer(orm, config);
const port = await server.listen(config.PORT, config.HOST);
logger.info({ url: `http://${config.HOST}:${port}/graphql` }, 'Tongxin API ready');
const stopEscalation = startDemandEscalation(orm, config.DEMAND_ESCALATION_INTERVAL_S, (error) => logger.error({ err: error }, 'demand escalation pass failed'),
  (done) => logger.info({ demandIds: done.map((e) => e.demandId) }, 'demands escalated'));
const retention = { registrationDays: config.RETENTION_REGISTRATION_DAYS, demandContactDays: config.RETENTION_DEMAND_CONTACT_DAYS };
const stopRetention = startRetention(orm, retention, config.RETENTION_INTERVAL_S, (error) => logger.error({ err: error }, 'retention pass failed'), (result) => {
  if (result.registrations + result.volunteers + result.demands > 0) logger.info(result, 'retention: contact details cleared');
});
const stopNotifications = startNotificationWorker(orm, providerFromConfig(config), config.NOTIFY_INTERVAL_MS, (error) => logger.error({ err: error }, 'notification delivery pass failed'));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  stopEscalation();
  stopRetention();
  stopNotifications();
  await server.close();
  await orm.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
