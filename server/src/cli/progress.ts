/**
 * A one-line progress counter on standard error, for long runs on a terminal: redrawn in place at most
 * ten times a second and erased at the end, so pipes, CI logs and the report itself never see it.
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

/** Runs shorter than this many files finish before a counter would be worth reading. */
export const PROGRESS_MIN_FILES = 200;

export function progressLine(done: number, total: number): string {
  const pct = total === 0 ? 100 : Math.floor((done * 100) / total);
  return `shipshape: ${done}/${total} files (${pct}%)`;
}

export class Progress {
  private done = 0;
  private last = 0;
  private shown = false;
  private readonly active: boolean;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {
    this.active = stream.isTTY === true && total >= PROGRESS_MIN_FILES;
  }

  advance(n: number): void {
    this.done += n;
    if (!this.active) return;
    const t = this.now();
    if (this.shown && t - this.last < 100 && this.done < this.total) return;
    this.last = t;
    this.shown = true;
    this.stream.write(`\r${progressLine(this.done, this.total)}\u001b[K`);
  }

  end(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
