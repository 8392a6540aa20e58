/**
 * Loaded with `node --import` into the processes `npm run bench` starts (the API, the events site), without
 * changing them:
 * - they stop (SIGTERM) when the benchmark that started them goes away, even if it was killed hard;
 * - with TONGXIN_BENCH_COUNT_STATEMENTS=1 (when the server lacks pg_stat_statements), every query sent through
 *   node-postgres is counted; the benchmark asks for the count over IPC.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

if (process.send) {
  let statements = 0;
  if (process.env.TONGXIN_BENCH_COUNT_STATEMENTS === '1') {
    // resolve pg as the app's own code does (from its folder), so that the same module instance is patched
    const require = createRequire(pathToFileURL(`${process.cwd()}/package.json`).href);
    const pg = require('pg');
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function countedQuery(...args) {
      statements++;
      return query.apply(this, args);
    };
  }
  process.on('message', (message) => {
    if (message?.type === 'tongxin-bench:statements') process.send?.({ type: 'tongxin-bench:statements', count: statements });
  });
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref(); // the IPC channel alone must not keep the process alive
}
