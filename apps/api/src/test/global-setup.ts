import type { TestProject } from 'vitest/node';
import { createDatabase, startPostgres } from '@tongxin/launcher';
import { migrate, openOrm } from '../db/orm.js';
import { seedDemoIfEmpty } from '../db/seed/index.js';
import { installDataKey } from '../app/data-key.js';

export const TEMPLATE_DB = 'tongxin_test_template';

declare module 'vitest' {
  export interface ProvidedContext { serverUrl: string; templateDb: string }
}

/**
 * One PostgreSQL for the run: embedded on a free port, or TEST_DATABASE_URL (a server where we may create
 * databases). A template database gets the migrations and the demo data once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  delete process.env.DATABASE_URL; // never run tests against the developer's own database
  if (external) process.env.DATABASE_URL = external;
  const server = await startPostgres({ database: 'postgres' });
  const templateUrl = await createDatabase(server.url, TEMPLATE_DB, { replace: true });
  // the development key, as the test servers (startTestApi) use: seeded personal data opens there
  installDataKey({});
  const orm = await openOrm(templateUrl, 2);
  try {
    await migrate(orm);
    await seedDemoIfEmpty(orm);
  } finally {
    await orm.close();
  }
  project.provide('serverUrl', server.url);
  project.provide('templateDb', TEMPLATE_DB);
  return async () => {
    await server.stop();
  };
}
