import { execFileSync } from 'node:child_process'
import { UsageError } from '../util/errors.js'

/** A file that differs between a base commit and the working tree (or head commit). */
export interface ChangedFile {
  path: string
  status: 'added' | 'modified' | 'deleted' | 'renamed'
  /** For renames: the path at the base. */
  previousPath?: string
}

function git(root: string, args: string[], maxBuffer = 256 * 1024 * 1024): Buffer {
  return execFileSync('git', ['-C', root, ...args], { maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Resolves a ref to a commit SHA, with an actionable error when it is missing (e.g. a shallow clone). */
export function resolveCommit(root: string, ref: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
      .toString()
      .trim()
  } catch {
    let shallow = false
    try {
      shallow = git(root, ['rev-parse', '--is-shallow-repository']).toString().trim() === 'true'
    } catch {
      throw new UsageError(`--base ${ref}: ${root} is not a git repository`)
    }
    throw new UsageError(
      `--base ${ref}: commit not found in ${root}` +
        (shallow
          ? ' (this is a shallow clone: fetch it with `git fetch --depth=1 origin <sha>`, or check out with fetch-depth: 0)'
          : ''),
    )
  }
}

/** Files changed between a base commit and the working tree (or `head` when given), renames detected. */
export function changedFiles(root: string, base: string, head?: string): ChangedFile[] {
  const args = ['diff', '--name-status', '-z', '-M', '--no-ext-diff', base]
  if (head) args.push(head)
  const out = git(root, args).toString()
  const parts = out.split('\0').filter((p) => p !== '')
  const files: ChangedFile[] = []
  for (let i = 0; i < parts.length;) {
    const code = parts[i++]!
    if (code.startsWith('R') || code.startsWith('C')) {
      const from = parts[i++]!
      const to = parts[i++]!
      files.push({
        path: to,
        status: code.startsWith('R') ? 'renamed' : 'added',
        previousPath: code.startsWith('R') ? from : undefined,
      })
    } else {
      const path = parts[i++]!
      files.push({ path, status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified' })
    }
  }
  if (!head) {
    // Untracked files are part of the working tree too.
    const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z'])
      .toString()
      .split('\0')
      .filter(Boolean)
    for (const path of untracked) files.push({ path, status: 'added' })
  }
  return files
}

/** A file's content at a commit, or undefined when it does not exist there. */
export function readAtCommit(root: string, commit: string, path: string): Buffer | undefined {
  try {
    return git(root, ['show', `${commit}:${path}`])
  } catch {
    return undefined
  }
}

/** The repository's top-level folder, or undefined outside a git repository. */
export function repoRoot(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).toString().trim()
  } catch {
    return undefined
  }
}
