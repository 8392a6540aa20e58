/** Keeps the last `max` lines of a process's output, optionally passing each line on. */
export class LineBuffer {
  lines: string[] = [];
  private partial = '';
  constructor(
    private readonly max: number,
    private readonly sink?: (line: string) => void,
  ) {}
  /** Add a raw chunk (may hold several lines or part of one). */
  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }
  /** Add one complete line. */
  add(line: string): void {
    if (!line.trim()) return;
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
    this.sink?.(line);
  }
  /** Flush a trailing partial line. */
  end(): void {
    if (this.partial) this.add(this.partial);
    this.partial = '';
  }
  tail(n = 40): string {
    return this.lines.slice(-n).join('\n');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait for `promise`, at most `ms`; true when it settled in time. The timer never keeps the process alive. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
