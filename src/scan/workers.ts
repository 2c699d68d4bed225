import type { FileFacts } from './file-scan.js'
import type { FileLimits } from './scan-file.js'

export interface WorkerScanOptions {
  workers: number
  limits: FileLimits
  rulesDirs: readonly string[]
  onProgress?: (done: number, total: number) => void
}

/** Scans files across worker threads. Placeholder until the worker pool lands: runs in-thread. */
export async function scanFilesInWorkers(root: string, files: readonly string[], options: WorkerScanOptions): Promise<FileFacts[]> {
  const { loadRules } = await import('../rules/load.js')
  const { readAndScan } = await import('./scan-repository.js')
  const rules = loadRules(options.rulesDirs)
  const out: FileFacts[] = []
  let done = 0
  for (const path of files) {
    out.push(readAndScan(root, path, rules, options.limits))
    options.onProgress?.(++done, files.length)
  }
  return out
}
