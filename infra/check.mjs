#!/usr/bin/env node
/**
 * `npm run check:infra`: the deployment files checked offline (no Docker, no cluster, nothing downloaded).
 *
 * - Kubernetes manifests (infra/k8s/*.yaml): every document validated against the Kubernetes JSON schemas that the
 *   `kubernetes-models` package bundles, then the house rules: each Deployment has a Service, an HPA on CPU and a
 *   PodDisruptionBudget, probes, resource requests, a non-root read-only container; secrets only by reference; a
 *   migration Job; an Ingress with TLS.
 * - Dockerfile: `dockerfilelint`, then the house rules per final image (api, admin, events): pinned base image,
 *   non-root USER, HEALTHCHECK, CMD, built from a staged runtime (no sources).
 * - compose.yaml: parses, has the promised services, each with what it needs; files it mounts exist.
 * - The API's environment in both: only variables that apps/api/src/config.ts reads.
 * - Citus DDL (infra/citus/*.sql): every table named once, as distributed or reference. That the list matches the
 *   migrated database is checked by the API test src/db/citus-ddl.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import * as models from 'kubernetes-models';
import dockerfilelint from 'dockerfilelint';

const here = path.dirname(fileURLToPath(import.meta.url));
const problems = [];
const problem = (file, message) => problems.push(`${path.relative(path.dirname(here), file)}: ${message}`);
const say = (line) => process.stdout.write(`${line}\n`);

// ---- Kubernetes -----------------------------------------------------------------------------------------

/** The kubernetes-models class for an apiVersion and kind: `apps/v1` -> models.apps.v1, `v1` -> models.v1.v1. */
function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  // the core group sits at models.v1 (Service, ConfigMap, …); the others at models.<group>.<version>
  if (group === '') return version === 'v1' ? models.v1[kind] : undefined;
  const ns = models[group.replace(/\.(\w)/g, (_, c) => c.toUpperCase()).replace(/\./g, '')];
  return ns?.[version]?.[kind];
}

const k8sDir = path.join(here, 'k8s');
const objects = [];
for (const file of readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const full = path.join(k8sDir, file);
  const docs = parseAllDocuments(readFileSync(full, 'utf8'));
  for (const doc of docs) {
    if (doc.errors.length) {
      problem(full, `YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const obj = doc.toJS();
    if (!obj) continue;
    const Model = modelFor(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
    const name = `${obj.kind}/${obj.metadata?.name}`;
    if (!Model) {
      problem(full, `${name}: unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (err) {
      problem(full, `${name} does not match the ${obj.apiVersion} ${obj.kind} schema: ${err.message ?? err}`);
    }
    objects.push({ file: full, obj });
  }
}
const byKind = (kind) => objects.filter((o) => o.obj.kind === kind);
const deployments = byKind('Deployment');
if (deployments.length < 3) problem(k8sDir, `expected Deployments for api, admin and events, found ${deployments.length}`);
for (const { file, obj } of deployments) {
  const name = obj.metadata.name;
  const labels = obj.spec.selector.matchLabels;
  const matches = (sel) => sel && Object.entries(sel).every(([k, v]) => labels[k] === v);
  if (!byKind('Service').some((s) => matches(s.obj.spec.selector))) problem(file, `Deployment ${name}: no Service selects it`);
  const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.obj.spec.scaleTargetRef.kind === 'Deployment' && h.obj.spec.scaleTargetRef.name === name);
  if (!hpa) problem(file, `Deployment ${name}: no HorizontalPodAutoscaler`);
  else if (!hpa.obj.spec.metrics?.some((m) => m.type === 'Resource' && m.resource?.name === 'cpu')) problem(hpa.file, `HPA ${name}: does not scale on CPU`);
  if (!byKind('PodDisruptionBudget').some((p) => matches(p.obj.spec.selector.matchLabels))) problem(file, `Deployment ${name}: no PodDisruptionBudget`);
  const pod = obj.spec.template.spec;
  if (!pod.securityContext?.runAsNonRoot) problem(file, `Deployment ${name}: pod does not require a non-root user`);
  for (const c of pod.containers) {
    if (!c.readinessProbe || !c.livenessProbe) problem(file, `Deployment ${name}/${c.name}: readiness and liveness probes needed`);
    if (!c.resources?.requests?.cpu) problem(file, `Deployment ${name}/${c.name}: a CPU request is needed (the HPA works from it)`);
    if (c.securityContext?.allowPrivilegeEscalation !== false || !c.securityContext?.readOnlyRootFilesystem) problem(file, `Deployment ${name}/${c.name}: no privilege escalation, read-only root filesystem`);
    if (/:latest$|^[^:]+$/.test(c.image)) problem(file, `Deployment ${name}/${c.name}: pin the image tag (${c.image})`);
    for (const e of c.env ?? []) {
      if (/KEY|PASSWORD|SECRET|DATABASE_URL|REDIS_URL|TOKEN/.test(e.name) && e.value !== undefined) problem(file, `Deployment ${name}/${c.name}: ${e.name} must come from a Secret, not a literal`);
    }
  }
}
if (byKind('Secret').length) problem(k8sDir, 'Secrets are referenced, never written into these files');
const jobs = byKind('Job');
if (!jobs.some((j) => j.obj.spec.template.spec.containers.some((c) => (c.command ?? []).includes('migrate')))) problem(k8sDir, 'a Job running the migrations is needed');
const ingresses = byKind('Ingress');
if (!ingresses.length || !ingresses.every((i) => i.obj.spec.tls?.length)) problem(k8sDir, 'an Ingress with TLS is needed');
say(`k8s: ${objects.length} objects in ${readdirSync(k8sDir).length} files validated against the bundled Kubernetes schemas`);

// ---- Dockerfile -----------------------------------------------------------------------------------------

const dockerfile = path.join(here, 'Dockerfile');
const dockerText = readFileSync(dockerfile, 'utf8');
const dockerLines = dockerText.split('\n');
const stageNames = new Set([...dockerText.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]));
const HEALTHCHECK_OPTIONS = new Set(['--interval', '--timeout', '--start-period', '--start-interval', '--retries']);
for (const item of dockerfilelint.run(here, dockerText)) {
  const line = dockerLines[item.line - 1]?.trim() ?? '';
  // FROM an earlier stage has no tag by nature
  if (item.title === 'Base Image Missing Tag' && stageNames.has(line.split(/\s+/)[1])) continue;
  // dockerfilelint 1.8 reads `--start-period` as an unknown `--start`: the options are checked here instead
  if (/^HEALTHCHECK\b/i.test(line) && item.title === 'Invalid Argument Format') {
    const options = [...line.matchAll(/(--[\w-]+)=(\S+)/g)];
    if (options.length && options.every(([, name, value]) => HEALTHCHECK_OPTIONS.has(name) && /^\d+[smh]?$/.test(value))) continue;
  }
  problem(dockerfile, `dockerfilelint line ${item.line}: ${item.title} (${item.category}): ${item.description}`);
}
/** Stages of the Dockerfile with their instructions (continuation lines joined). */
const stages = [];
for (const raw of dockerText.replace(/\\\n/g, ' ').split('\n')) {
  const line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  const [instr, ...rest] = line.split(/\s+/);
  const args = rest.join(' ');
  if (instr.toUpperCase() === 'FROM') stages.push({ from: rest[0], name: /\bAS\s+(\S+)/i.exec(args)?.[1], lines: [] });
  else stages.at(-1)?.lines.push({ instr: instr.toUpperCase(), args });
}
for (const stage of stages) {
  if (!/^[\w./-]+:[\w.-]+$/.test(stage.from) && !stages.some((s) => s.name === stage.from)) problem(dockerfile, `stage ${stage.name}: pin the base image (${stage.from})`);
  if (/:latest$/.test(stage.from)) problem(dockerfile, `stage ${stage.name}: no :latest base image`);
}
for (const target of ['api', 'admin', 'events']) {
  const stage = stages.find((s) => s.name === target);
  if (!stage) {
    problem(dockerfile, `no final stage named ${target}`);
    continue;
  }
  // what the image holds: its own instructions after those of the stages it is built FROM (USER, HEALTHCHECK, CMD,
  // and any COPY or RUN, carry over)
  const lineage = [];
  for (let s = stage; s; s = stages.find((p) => p.name === s.from)) lineage.unshift(...s.lines);
  const has = (instr) => lineage.filter((l) => l.instr === instr);
  const user = has('USER').at(-1)?.args;
  if (!user || /^(root|0)(:|$)/.test(user)) problem(dockerfile, `${target}: runs as root (add a USER that is not root)`);
  if (!has('HEALTHCHECK').length) problem(dockerfile, `${target}: no HEALTHCHECK`);
  if (!has('CMD').length) problem(dockerfile, `${target}: no CMD`);
  if (has('RUN').some((l) => /npm (install|ci)\b(?!.*--omit=dev)/.test(l.args))) problem(dockerfile, `${target}: installs development dependencies`);
  if (!has('COPY').some((l) => /--from=runtime-/.test(l.args))) problem(dockerfile, `${target}: should copy only the staged runtime of its app`);
  if (has('COPY').some((l) => /^\.\s|\s\.\s/.test(` ${l.args} `) && !/--from=/.test(l.args))) problem(dockerfile, `${target}: copies the build context (sources) into the image`);
}
if (stages.at(-1)?.name !== 'api') problem(dockerfile, 'the last stage should be the API (the default target)');
say(`Dockerfile: ${stages.length} stages linted (dockerfilelint and the house rules)`);

// ---- compose --------------------------------------------------------------------------------------------

const composeFile = path.join(here, 'compose.yaml');
const compose = parseYaml(readFileSync(composeFile, 'utf8'), { merge: true });
const services = compose?.services ?? {};
for (const name of ['postgres', 'postgres-replica', 'redis', 'api-1', 'api-2', 'admin', 'events', 'caddy']) {
  if (!services[name]) problem(composeFile, `service ${name} is missing`);
}
for (const [name, svc] of Object.entries(services)) {
  if (!svc.image && !svc.build) problem(composeFile, `${name}: no image and no build`);
  if (svc.image && !svc.build && !/:[\w.-]+$/.test(svc.image)) problem(composeFile, `${name}: pin the image tag (${svc.image})`);
  if (svc.build?.target && !stages.some((s) => s.name === svc.build.target)) problem(composeFile, `${name}: build target ${svc.build.target} is not a Dockerfile stage`);
  for (const v of svc.volumes ?? []) {
    const src = typeof v === 'string' ? v.split(':')[0] : v.source;
    if (src?.startsWith('.') && !existsSync(path.resolve(here, src))) problem(composeFile, `${name}: mounts ${src}, which does not exist`);
  }
  if (name.startsWith('api') && !(svc.environment?.DATA_KEY && svc.environment?.DATABASE_URL && svc.environment?.REDIS_URL)) problem(composeFile, `${name}: DATABASE_URL, REDIS_URL and DATA_KEY needed`);
  if (name.startsWith('api') && svc.ports) problem(composeFile, `${name}: reach the API through the proxy, not a published port`);
}
const caddyfile = path.join(here, 'caddy/Caddyfile');
if (!existsSync(caddyfile)) problem(caddyfile, 'missing');
else {
  const text = readFileSync(caddyfile, 'utf8');
  if (!/encode\s+.*gzip/.test(text)) problem(caddyfile, 'no compression (encode … gzip)');
  for (const upstream of ['api-1:4000', 'api-2:4000', 'admin:3000', 'events:3100']) if (!text.includes(upstream)) problem(caddyfile, `no route to ${upstream}`);
}
say(`compose: ${Object.keys(services).length} services checked`);

// ---- the API's settings -----------------------------------------------------------------------------------

// every variable handed to the API (k8s containers of its image, compose's api services) is one that
// apps/api/src/config.ts reads, by the same name: a misspelt or renamed one would be ignored without a word
const apiConfigFile = path.join(here, '../apps/api/src/config.ts');
const apiSettings = new Set([...readFileSync(apiConfigFile, 'utf8').matchAll(/^ {2}([A-Z][A-Z0-9_]*):\s*(?:z|bool)\b/gm)].map((m) => m[1]));
apiSettings.add('NODE_ENV');
if (apiSettings.size < 20) problem(apiConfigFile, `only ${apiSettings.size} settings found: has the schema's layout changed?`);
const unknownSettings = (names) => names.filter((n) => !apiSettings.has(n));
for (const { file, obj } of objects) {
  const pod = obj.kind === 'Deployment' || obj.kind === 'Job' ? obj.spec.template.spec : null;
  for (const c of pod?.containers ?? []) {
    if (!/tongxin-api:/.test(c.image)) continue;
    for (const n of unknownSettings((c.env ?? []).map((e) => e.name))) problem(file, `${obj.kind} ${obj.metadata.name}/${c.name}: ${n} is not an API setting (apps/api/src/config.ts)`);
  }
}
for (const [name, svc] of Object.entries(services)) {
  if (!name.startsWith('api')) continue;
  for (const n of unknownSettings(Object.keys(svc.environment ?? {}))) problem(composeFile, `${name}: ${n} is not an API setting (apps/api/src/config.ts)`);
}
say(`API settings: the variables given to the API checked against the ${apiSettings.size} it reads`);

// ---- Citus DDL ------------------------------------------------------------------------------------------

const citusDir = path.join(here, 'citus');
const seen = new Map();
for (const file of readdirSync(citusDir).filter((f) => f.endsWith('.sql'))) {
  const text = readFileSync(path.join(citusDir, file), 'utf8').replace(/--.*$/gm, '');
  for (const m of text.matchAll(/create_distributed_table\(\s*'(\w+)'\s*,\s*'(\w+)'/g)) {
    if (seen.has(m[1])) problem(path.join(citusDir, file), `${m[1]} is named twice`);
    seen.set(m[1], `distributed by ${m[2]}`);
  }
  for (const m of text.matchAll(/create_reference_table\(\s*'(\w+)'/g)) {
    if (seen.has(m[1])) problem(path.join(citusDir, file), `${m[1]} is named twice`);
    seen.set(m[1], 'reference');
  }
}
if (seen.size < 40) problem(citusDir, `only ${seen.size} tables placed`);
say(`citus: ${seen.size} tables placed (${[...seen.values()].filter((v) => v === 'reference').length} reference, the rest distributed)`);

if (problems.length) {
  process.stderr.write(`\ncheck:infra found ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
say('check:infra: all good');
