import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  DATABASE_URL: z.string({ message: 'DATABASE_URL is required (postgres://user@host:port/db)' }).regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the demo communities into an empty database at start. */
  DEMO_SEED: bool.default(false),
  /**
   * The local demo (`npm start`): with NODE_ENV=production, the demo data (DEMO_SEED) and the demo accounts
   * (password tongxin-demo) are refused unless this is set, and it is refused unless the API listens on loopback
   * only and no PUBLIC_URL is set (app/demo-guard.ts).
   */
  TONGXIN_DEMO: bool.default(false),
  /** Where the installation is reached from outside (e.g. https://tongxin.example.gov.cn); set on real installations. */
  PUBLIC_URL: z.string().url('PUBLIC_URL must be a URL').optional(),
  /** Hours a staff session stays valid. */
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Minutes without a request after which a staff session is over (it also ends SESSION_TTL_HOURS after sign-in). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  /** Milliseconds a staff identity (session and grants) is reused in one API process; 0 turns the cache off. */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).default(5000),
  /** Largest price one request may have (see graphql/cost.ts). */
  COST_MAX_PER_REQUEST: z.coerce.number().int().positive().default(1000),
  /** A partner token's budget: points, refilled per second. */
  PARTNER_BUDGET_POINTS: z.coerce.number().int().positive().default(5000),
  PARTNER_BUDGET_REFILL_PER_SECOND: z.coerce.number().positive().default(50),
  /** Largest price of one request without a token (COST_MAX_PER_REQUEST is for partner tokens; see graphql/cost.ts). */
  ANONYMOUS_COST_MAX_PER_REQUEST: z.coerce.number().int().positive().default(5000),
  /**
   * Largest price of one staff request (see graphql/cost.ts). High: the admin site's tree views nest paged
   * lists, and every document it sends is priced under this in a test (app/admin-documents.test.ts).
   */
  STAFF_COST_MAX_PER_REQUEST: z.coerce.number().int().positive().default(2_000_000),
  /**
   * Which proxies may tell the client's address in X-Forwarded-For (express "trust proxy": `loopback`, a list of
   * addresses or CIDRs, a hop count, or `false`). The default trusts this machine only: the sites' servers call
   * the API from it and forward the resident's address. Rate limits count by the address this yields.
   */
  TRUST_PROXY: z.string().default('loopback'),
  /** Per-address limits on public writes and code lookups, and sign-in throttling (see app/rate-limit.ts). */
  RATE_LIMITS: bool.default(true),
  /** Public writes per address and minute: activity sign-up, demand intake, ratings, Open311 POST. */
  RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Look-ups by confirmation or ticket code per address and minute (codes must not be guessable by trying). */
  RATE_LIMIT_LOOKUPS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Answer introspection queries from callers without a token; default: everywhere but production. */
  INTROSPECTION: bool.optional(),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /**
   * Redis shared by every API instance (redis://host:port/db): rate limits, sign-in throttling, the
   * invalidation of cached identities and live updates (subscriptions) across instances. Without it all of
   * these live in this process (one instance), or in PostgreSQL where they already do (partner budgets, the
   * escalation job's lock).
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional(),
  /**
   * PostgreSQL streaming replicas for heavy reads (statistics, exports, public lists), comma separated
   * postgres:// URLs. Writes, and a caller's reads shortly after its own write, go to DATABASE_URL.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((u) => u.trim()).filter(Boolean))
    .refine((urls) => urls.every((u) => /^postgres(ql)?:\/\//.test(u)), 'DATABASE_REPLICA_URLS must be postgres:// URLs, comma separated'),
  /** Seconds a caller's reads stay on the primary after it wrote (read-your-writes with replicas). */
  REPLICA_STICKY_SECONDS: z.coerce.number().min(0).default(5),
  /** Replication lag (seconds) above which a replica is skipped and reads go to the primary. */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).default(10),
  /** Days an activity sign-up's phone (and an archived volunteer's) is kept after the activity ended (modules/retention). */
  RETENTION_REGISTRATION_DAYS: z.coerce.number().int().min(1).default(30),
  /** Days a demand's reporter name and phone are kept after it was resolved or closed (modules/retention). */
  RETENTION_DEMAND_CONTACT_DAYS: z.coerce.number().int().min(1).default(180),
  /** Seconds between passes of the retention job; 0 turns it off (run `node dist/db/cli.js retention` instead). */
  RETENTION_INTERVAL_S: z.coerce.number().int().min(0).default(3600),
  /** Seconds between passes of the demand escalation job (modules/demand/demand.escalation.ts); 0 turns it off. */
  DEMAND_ESCALATION_INTERVAL_S: z.coerce.number().int().min(0).default(60),
  /**
   * Who delivers messages to residents (modules/notification): `none` delivers nowhere (they show on the
   * resident's code page and in the admin site), `webhook` POSTs each one to NOTIFY_WEBHOOK_URL (an SMS or
   * WeChat template-message gateway).
   */
  NOTIFY_PROVIDER: z.enum(['none', 'webhook']).default('none'),
  NOTIFY_WEBHOOK_URL: z.string().url('NOTIFY_WEBHOOK_URL must be a URL').optional(),
  /** Milliseconds between passes of the notification delivery worker; 0 turns it off. */
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
  /**
   * Key that seals residents' personal data at rest: 32 bytes, base64 or hex (`openssl rand -base64 32`).
   * Required in production; elsewhere a fixed development key is used and a warning logged.
   */
  /**
   * Uploaded photos and audio (modules/media): the folder of the local store (default `.data/media` under the
   * working directory; `npm start` passes `<repo>/.data/media`), used unless MEDIA_S3_BUCKET is set.
   */
  MEDIA_DIR: z.string().optional(),
  /** Largest image upload in bytes (default 10 MB). */
  MEDIA_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Largest audio upload in bytes (default 20 MB). */
  MEDIA_MAX_AUDIO_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** S3-compatible object storage (AWS S3, MinIO, Aliyun OSS) instead of the local folder: all of these with the bucket. */
  MEDIA_S3_ENDPOINT: z.string().url('MEDIA_S3_ENDPOINT must be a URL').optional(),
  MEDIA_S3_BUCKET: z.string().optional(),
  MEDIA_S3_ACCESS_KEY: z.string().optional(),
  MEDIA_S3_SECRET_KEY: z.string().optional(),
  MEDIA_S3_REGION: z.string().default('us-east-1'),
  /** Path-style bucket addresses (`endpoint/bucket/key`), which MinIO needs; default on. */
  MEDIA_S3_FORCE_PATH_STYLE: bool.default(true),
  DATA_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'DATA_KEY must be 32 bytes as base64 (44 characters) or hex (64 characters)')
    .optional(),
}).refine((c) => c.NOTIFY_PROVIDER !== 'webhook' || c.NOTIFY_WEBHOOK_URL, { message: 'NOTIFY_PROVIDER=webhook needs NOTIFY_WEBHOOK_URL', path: ['NOTIFY_WEBHOOK_URL'] });

export type Config = z.infer<typeof schema>;

/** Parse the environment once; fail fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
