import { join } from 'node:path'
import type { RuleSet } from '../rules/ruleset.js'
import { FileReadError, readRegularFile } from '../util/safe-read.js'
import { emptyFacts, type FileFacts } from './file-scan.js'
import { DEFAULT_LIMITS, oversizeFacts, scanFile, type FileLimits } from './scan-file.js'

/**
 * Reads and scans one file; an unreadable file becomes a note, and an oversized one is skipped unread. Only a
 * regular file is read, never through a link (one may have replaced the file since the folder was listed).
 */
export function readAndScan(
  root: string,
  path: string,
  rules: RuleSet,
  limits: FileLimits = DEFAULT_LIMITS,
): FileFacts {
  let content: Buffer
  try {
    // Memory stays bounded by the file limit, not by the largest file in the repository.
    content = readRegularFile(join(root, path), { maxBytes: limits.maxBytes, noFollow: true })
  } catch (e) {
    if (e instanceof FileReadError && e.reason === 'too-large' && e.size !== undefined)
      return oversizeFacts(path, e.size, limits)
    const err = e as FileReadError
    const message = err.code ? `could not be read: ${err.code}` : err.message
    return emptyFacts(path, [{ path, level: 'warning', message }])
  }
  return scanFile(path, content, rules, limits)
}
