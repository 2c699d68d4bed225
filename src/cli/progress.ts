/** How long a scan runs before progress appears, and how often the line is redrawn. */
const DELAY_MS = 2000
const REDRAW_MS = 100

/**
 * Progress on stderr, only when enabled (a TTY) and only once a scan has run for a couple of seconds. Fed from the
 * scan's onProgress, which the worker pool calls as batches finish on any thread (so `done` grows in steps).
 */
export function createProgress(
  enabled: boolean,
  stream: Pick<NodeJS.WriteStream, 'write'> = process.stderr,
  now: () => number = Date.now,
): {
  onProgress: (done: number, total: number) => void
  done: () => void
} {
  const started = now()
  let last = 0
  let shown = false
  return {
    onProgress(done, total) {
      if (!enabled) return
      const t = now()
      if (t - started < DELAY_MS || (t - last < REDRAW_MS && done < total)) return
      last = t
      shown = true
      const pct = total > 0 ? Math.floor((100 * done) / total) : 100
      stream.write(
        `\r\x1b[2KScanning ${done.toLocaleString('en')}/${total.toLocaleString('en')} files (${pct}%)`,
      )
    },
    done() {
      if (shown) stream.write('\r\x1b[2K')
      shown = false
    },
  }
}

/** knip's rule: progress only on an interactive stderr, outside CI. */
export function progressEnabled(noProgress: boolean): boolean {
  return !noProgress && process.stderr.isTTY === true && !process.env.CI
}
