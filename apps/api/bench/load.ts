/**
 * The load generator of `npm run bench`, forked by run.ts so that it never shares a process with a server.
 * It receives one `LoadJob` at a time over IPC, drives the target with autocannon and answers a `LoadResult`.
 * Every response is checked: a non-2xx status, or a JSON body with a top-level "errors" member, is counted
 * and the first few are kept as samples.
 */
import autocannon from 'autocannon';

export interface LoadJob {
  type: 'load';
  /** Origin, e.g. http://127.0.0.1:4000 */
  origin: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  seconds: number;
  connections: number;
  /** 'json': a body with "errors" is a failure; 'html': only the status counts. */
  expect: 'json' | 'html';
}

export interface LoadResult {
  type: 'result';
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses whose body carried GraphQL errors. */
  bodyErrors: number;
  samples: string[];
}

const MAX_SAMPLES = 3;

async function runJob(job: LoadJob): Promise<LoadResult> {
  let bodyErrors = 0;
  const samples: string[] = [];
  const sample = (text: string) => {
    if (samples.length < MAX_SAMPLES) samples.push(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  };
  const result = await autocannon({
    url: job.origin,
    connections: job.connections,
    duration: job.seconds,
    timeout: 20,
    requests: [
      {
        method: job.method,
        path: job.path,
        headers: job.headers,
        ...(job.body !== undefined ? { body: job.body } : {}),
        onResponse: (status: number, body: string) => {
          if (status < 200 || status >= 300) {
            sample(`HTTP ${status}: ${body}`);
          } else if (job.expect === 'json' && body.includes('"errors"')) {
            bodyErrors++;
            sample(body);
          }
        },
      },
    ],
  });
  return {
    type: 'result',
    requests: result.requests.total,
    seconds: result.duration,
    reqPerSec: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bodyErrors,
    samples,
  };
}

if (!process.send) {
  process.stderr.write('load.ts is forked by run.ts (npm run bench); it is not run on its own\n');
  process.exit(2);
}
process.on('message', (job: LoadJob) => {
  if (job?.type !== 'load') return;
  runJob(job).then(
    (result) => process.send!(result),
    (err: unknown) => process.send!({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
  );
});
// the benchmark that forked us is gone: nothing left to do
process.on('disconnect', () => process.exit(0));
