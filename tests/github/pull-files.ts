import { git } from '../action/helpers.js'
import type { PullFile } from '../../src/github/review-client.js'
import type { FakePullFile } from './fake-github.js'

/**
 * What `GET /pulls/{n}/files` would list for base..head of a test repository: each changed file with its
 * `patch` (the hunks without the file headers, as GitHub sends them; absent for binary files).
 */
export function pullFilesFromGit(dir: string, base: string, head: string): FakePullFile[] {
  const parts = git(dir, 'diff', '--name-status', '-z', '-M', base, head)
    .split('\0')
    .filter((p) => p !== '')
  const files: FakePullFile[] = []
  for (let i = 0; i < parts.length;) {
    const code = parts[i++]!
    const renamed = code.startsWith('R')
    const previous = renamed ? parts[i++]! : undefined
    const path = parts[i++]!
    const status = renamed ? 'renamed' : code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified'
    const diff = git(
      dir,
      'diff',
      '-M',
      '--unified=3',
      base,
      head,
      '--',
      ...(previous ? [previous, path] : [path]),
    )
    const at = diff.indexOf('\n@@ ')
    files.push({
      filename: path,
      status,
      ...(previous ? { previous_filename: previous } : {}),
      ...(at >= 0 ? { patch: diff.slice(at + 1) } : {}),
    })
  }
  return files
}

/** The same files as the client hands them on (`path` rather than `filename`). */
export function asPullFiles(files: readonly FakePullFile[]): PullFile[] {
  return files.map((f) => ({ path: f.filename, status: f.status, ...(f.patch ? { patch: f.patch } : {}) }))
}
