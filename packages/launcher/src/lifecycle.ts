import { spawn } from 'node:child_process';

/**
 * One place that knows every process the launcher started (PostgreSQL, the apps), so that
 * SIGINT / SIGTERM / SIGHUP / exit of the launcher stop all of them and leave no orphans.
 */

export interface Resource {
  /** 0 = apps (stopped first), 1 = databases (stopped after the apps). */
  layer: 0 | 1;
  /** Orderly stop; must be idempotent. */
  stop(): Promise<void>;
  /** Synchronous last resort, used from the `exit` event: signal the processes, do not wait. */
  killNow(): void;
}

const resources = new Set<Resource>();
let installed = false;
let signalExitCode: number | undefined;
let signalListener: ((sig: NodeJS.Signals) => void) | undefined;
let firstSignalAt = 0;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/** Register a resource; returns the function that unregisters it. Installs the process handlers on first use. */
export function track(resource: Resource): () => void {
  installHandlers();
  resources.add(resource);
  return () => {
    resources.delete(resource);
  };
}

/** Exit code used after a signal has stopped everything (default 128 + signal number). The CLI sets 0. */
export function setSignalExitCode(code: number | undefined): void {
  signalExitCode = code;
}

/** Called once when the first shutdown signal arrives (before stopping), e.g. to say "stopping…". */
export function onShutdownSignal(fn: ((sig: NodeJS.Signals) => void) | undefined): void {
  signalListener = fn;
}

/** Stop every tracked resource: apps first, then databases. */
export async function stopAll(): Promise<void> {
  for (const layer of [0, 1] as const) {
    const batch = [...resources].filter((r) => r.layer === layer);
    await Promise.allSettled(batch.map((r) => r.stop()));
  }
}

function killAllNow(): void {
  for (const r of resources) {
    try {
      r.killNow();
    } catch {
      // already gone
    }
  }
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  for (const sig of SIGNALS) {
    process.on(sig, () => onSignal(sig));
  }
  process.on('exit', killAllNow);
}

function onSignal(sig: (typeof SIGNALS)[number]): void {
  const code = signalExitCode ?? 128 + SIGNAL_NUMBERS[sig];
  const now = Date.now();
  if (firstSignalAt) {
    // A second signal within a second is usually the same Ctrl-C relayed by a wrapper: ignore it.
    // A later one means "stop waiting": kill what is left and leave.
    if (now - firstSignalAt > 1000) {
      process.stderr.write(`\n[launcher] ${sig} again: killing what is left\n`);
      killAllNow();
      process.exit(code);
    }
    return;
  }
  firstSignalAt = now;
  try {
    signalListener?.(sig);
  } catch {
    // a message must not stop the shutdown
  }
  // Someone else also listens for this signal: stop our processes and leave the exit to them.
  const othersListen = process.listenerCount(sig) > 1;
  void stopAll().finally(() => {
    if (!othersListen) process.exit(code);
  });
}

/**
 * Backup for the one case the handlers above cannot cover: the launcher killed with SIGKILL. A small detached
 * shell polls the launcher; when it disappears while `pid` still runs, it sends `signal` to `pid` (or to its
 * process group when `group`), SIGKILL after `killAfterSeconds`, and then deletes `removeAfter` if given.
 * It exits by itself once `pid` is gone.
 */
export function watchdog(
  pid: number,
  opts: { signal: 'TERM' | 'INT'; group?: boolean; removeAfter?: string; killAfterSeconds?: number },
): void {
  const script = [
    'L=$1; P=$2; T=$3; S=$4; R=$5; N=$6',
    'while kill -0 "$L" 2>/dev/null; do kill -0 "$P" 2>/dev/null || exit 0; sleep 1; done',
    'kill -s "$S" -- "$T" 2>/dev/null',
    'i=0; while kill -0 "$P" 2>/dev/null && [ "$i" -lt "$N" ]; do sleep 1; i=$((i+1)); done',
    'kill -0 "$P" 2>/dev/null && kill -s KILL -- "$T" 2>/dev/null',
    'if [ -n "$R" ]; then while kill -0 "$P" 2>/dev/null; do sleep 0.2; done; rm -rf -- "$R"; fi',
  ].join('\n');
  const target = opts.group ? `-${pid}` : String(pid);
  const args = [String(process.pid), String(pid), target, opts.signal, opts.removeAfter ?? '', String(opts.killAfterSeconds ?? 10)];
  try {
    const child = spawn('sh', ['-c', script, 'tongxin-watchdog', ...args], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no shell: the signal and exit handlers still cover every orderly end
  }
}
