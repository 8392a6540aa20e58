import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { buildDemoDataset } from '@tongxin/demo-data';
import { sql } from '../sql.js';
import { seedOrgChain } from './org.seed.js';
import { seedUnits, unitAnnouncements } from './unit.seed.js';
import { seedActivities } from './activity.seed.js';
import { seedDemands } from './demand.seed.js';
import { seedMembers } from './member.seed.js';
import { seedHouseholds } from './household.seed.js';
import { seedGovernance } from './governance.seed.js';
import { seedDecisions } from './decision.seed.js';
import { seedAnnouncements } from './announcement.seed.js';
import type { SeedContext, Seeder } from './util.js';
import { seedServices } from './service.seed.js';

/** Module seeders in dependency order; a module that adds demo data adds its seeder here. */
const seeders: Seeder[] = [seedOrgChain, seedHouseholds, seedUnits, seedMembers, seedActivities, seedDemands, seedGovernance, seedDecisions, seedServices, seedAnnouncements];

/** Lines a seeded database announces on every start (what seeders pushed into `announce` the first time). */
const announcers: ((em: EntityManager) => Promise<string[]>)[] = [unitAnnouncements];

/** The announce lines of a database seeded earlier, e.g. the fixed demo partner token while it still works. */
export async function demoAnnouncements(orm: MikroORM): Promise<string[]> {
  const em = orm.em.fork();
  return (await Promise.all(announcers.map((announce) => announce(em)))).flat();
}

/** Load the demo communities into an empty database (one transaction). Returns null when data exists. */
export async function seedDemoIfEmpty(orm: MikroORM, options: { today?: Date } = {}): Promise<{ counts: Record<string, number>; announce: string[] } | null> {
  const em = orm.em.fork();
  const [{ count }] = await sql<{ count: string }>(em, 'select count(*) from org_node');
  const dataset = buildDemoDataset({ today: options.today });
  const ctx: SeedContext = { em, dataset, ids: {}, announce: [], counts: {} };
  if (Number(count) > 0) {
    // already seeded: nothing to load; demoAnnouncements() gives the lines the start command prints
    return null;
  }
  await em.transactional(async (tem) => {
    ctx.em = tem;
    for (const seeder of seeders) await seeder(ctx);
  });
  return { counts: ctx.counts, announce: ctx.announce };
}
