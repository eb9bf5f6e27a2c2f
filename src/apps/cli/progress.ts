/**
 * A small progress reporter: a redrawn bar on a terminal, plain lines otherwise (CI logs, pipes),
 * so output stays readable wherever it goes.
 */
import type { WriteStream } from 'node:tty';

export interface Progress {
  /** Starts a named step of `total` units. */
  step(name: string, total: number): void;
  /** Sets the current step's progress. */
  update(done: number): void;
  /** Finishes the current step, with an optional note (e.g. "2,000 customers"). */
  done(note?: string): void;
}

export function createProgress(out: NodeJS.WriteStream = process.stderr, opts: { tty?: boolean } = {}): Progress {
  const tty = opts.tty ?? !!(out as WriteStream).isTTY;
  let name = '';
  let total = 0;
  let started = 0;
  let lastDraw = 0;
  let lastPct = -1;
  const width = 28;
  const draw = (done: number) => {
    const pct = total ? Math.min(1, done / total) : 1;
    if (tty) {
      const now = Date.now();
      if (now - lastDraw < 50 && pct < 1) return;
      lastDraw = now;
      const filled = Math.round(pct * width);
      out.write(`\r  ${name.padEnd(22)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(pct * 100)).padStart(3)}% `);
    } else {
      // Plain output: one line per quarter, so logs show movement without flooding.
      const q = Math.floor(pct * 4);
      if (q > lastPct && q < 4) { lastPct = q; if (q > 0) out.write(`  ${name}: ${q * 25}%\n`); }
    }
  };
  return {
    step(n, t) { name = n; total = t; started = Date.now(); lastPct = -1; lastDraw = 0; draw(0); },
    update(done) { draw(done); },
    done(note) {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (tty) { lastDraw = 0; draw(total); out.write(`${secs}s${note ? `  ${note}` : ''}\n`); }
      else out.write(`  ${name}: done in ${secs}s${note ? ` (${note})` : ''}\n`);
    },
  };
}

/** A reporter that prints nothing (for tests and `--quiet`). */
export const silentProgress: Progress = { step() {}, update() {}, done() {} };
