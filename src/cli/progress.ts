/** Progress on stderr, only on a TTY and only once a scan has run for a couple of seconds. */
export function createProgress(
  enabled: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): {
  onProgress: (done: number, total: number) => void
  done: () => void
} {
  const started = Date.now()
  let last = 0
  let shown = false
  return {
    onProgress(done, total) {
      if (!enabled) return
      const now = Date.now()
      if (now - started < 2000 || (now - last < 100 && done < total)) return
      last = now
      shown = true
      stream.write(`\r\x1b[2KScanning ${done.toLocaleString('en')}/${total.toLocaleString('en')} files`)
    },
    done() {
      if (shown) stream.write('\r\x1b[2K')
    },
  }
}

/** knip's rule: progress only on an interactive stderr, outside CI. */
export function progressEnabled(noProgress: boolean): boolean {
  return !noProgress && process.stderr.isTTY === true && !process.env.CI
}
