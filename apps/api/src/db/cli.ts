/** `npm run db:migrate` / `npm run db:seed` / `node dist/db/cli.js retention` against DATABASE_URL (runs the build: `node dist/db/cli.js`). */
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { installDataKey } from '../app/data-key.js';
import { assertProductionConfig, exitOnRefusal } from '../app/demo-guard.js';
import { migrate, openOrm } from './orm.js';
import { seedDemoIfEmpty } from './seed/index.js';
import { runRetention } from '../modules/retention/index.js';

const command = process.argv[2];
const config = loadConfig();
// `seed` loads the demo data: refused in production outside the local demo (app/demo-guard.ts)
try {
  assertProductionConfig({ ...config, DEMO_SEED: config.DEMO_SEED || command === 'seed' });
} catch (error) {
  exitOnRefusal(error);
}
// the seed seals residents' personal data
installDataKey(config);
const orm = await openOrm(config.DATABASE_URL);
try {
  if (command === 'migrate' || command === 'seed') console.log('migrations applied:', (await migrate(orm)).join(', ') || 'none');
  if (command === 'seed') console.log((await seedDemoIfEmpty(orm)) ?? 'database already has data; nothing seeded');
  if (command === 'retention') {
    // one pass of the retention job (the API runs it every RETENTION_INTERVAL_S): clears contact details kept long enough
    const result = await runRetention(orm, { registrationDays: config.RETENTION_REGISTRATION_DAYS, demandContactDays: config.RETENTION_DEMAND_CONTACT_DAYS });
    console.log(result.ran ? `retention: cleared ${result.registrations} sign-up phone(s), ${result.volunteers} volunteer phone(s), ${result.demands} demand contact(s)` : 'retention: another pass is running; nothing done');
  }
  if (command !== 'migrate' && command !== 'seed' && command !== 'retention') {
    console.error('usage: node dist/db/cli.js migrate|seed|retention');
    process.exitCode = 2;
  }
} finally {
  await orm.close();
}
