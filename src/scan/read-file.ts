import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ScanNote } from '../model/types.js'
import type { RuleSet } from '../rules/ruleset.js'
import { emptyFacts, type FileFacts } from './file-scan.js'
import { DEFAULT_LIMITS, oversizeFacts, scanFile, type FileLimits } from './scan-file.js'

/** Reads and scans one file; an unreadable file becomes a note, and an oversized one is skipped unread. */
export function readAndScan(
  root: string,
  path: string,
  rules: RuleSet,
  limits: FileLimits = DEFAULT_LIMITS,
): FileFacts {
  let content: Buffer
  let fd: number | undefined
  try {
    fd = openSync(join(root, path), 'r')
    // Memory stays bounded by the file limit, not by the largest file in the repository.
    const size = fstatSync(fd).size
    if (size > limits.maxBytes) return oversizeFacts(path, size, limits)
    content = readFileSync(fd)
  } catch (e) {
    const note: ScanNote = {
      path,
      level: 'warning',
      message: `could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    }
    return emptyFacts(path, [note])
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  return scanFile(path, content, rules, limits)
}
