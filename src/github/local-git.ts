import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assertCommitSha, isCommitSha, runGit } from '../git/git.js'
import { UsageError } from '../util/errors.js'
import { escapeControl } from '../util/text.js'

// The local clone a pull request is checked in: commits present or fetched, and throw-away worktrees. SHAs come
// from an event payload or the API: each is checked to be one before it reaches git, after `--end-of-options`.

function git(root: string, args: string[], timeout = 120_000): string {
  return runGit(root, args, { timeout, maxBuffer: 16 * 1024 * 1024 })
    .toString()
    .trim()
}

/** True when the commit object is present locally. */
export function hasCommit(root: string, sha: string): boolean {
  if (!isCommitSha(sha)) return false
  try {
    git(root, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`])
    return true
  } catch {
    return false
  }
}

/** The checked-out commit, or undefined outside git. */
export function checkedOutCommit(root: string): string | undefined {
  try {
    const sha = git(root, ['rev-parse', '--verify', 'HEAD^{commit}'])
    return isCommitSha(sha) ? sha : undefined
  } catch {
    return undefined
  }
}

/** A commit's parents, read from the commit object itself (works in a depth-1 clone, where parents are absent). */
export function parentsOf(root: string, sha: string): string[] {
  if (!isCommitSha(sha)) return []
  try {
    return git(root, ['cat-file', 'commit', sha])
      .split('\n\n')[0]!
      .split('\n')
      .filter((l) => l.startsWith('parent '))
      .map((l) => l.slice('parent '.length).trim())
      .filter(isCommitSha)
  } catch {
    return []
  }
}

/**
 * Makes sure a commit is available, fetching just that commit when the checkout is shallow
 * (`git fetch --no-tags --depth=1 origin <sha>`); throws a UsageError naming the checkout setting otherwise.
 */
export function ensureCommit(root: string, sha: string, what: string, log: (m: string) => void): void {
  assertCommitSha(sha, `the pull request's ${what} SHA`)
  if (hasCommit(root, sha)) return
  log(
    `The ${what} commit ${sha.slice(0, 7)} is not in the checkout; fetching it: git fetch --no-tags --depth=1 origin ${sha}`,
  )
  let detail = ''
  try {
    git(root, [
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--depth=1',
      '--end-of-options',
      'origin',
      sha,
    ])
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string }
    detail = escapeControl((err.stderr?.toString() || err.message).trim().split('\n').slice(-3).join(' '))
  }
  if (hasCommit(root, sha)) return
  throw new UsageError(
    `privacy-drift needs the pull request's ${what} commit ${sha} to tell what the PR changed, and could not fetch it` +
      (detail ? ` (${detail})` : '') +
      '. Check out with full history: `uses: actions/checkout@v5` with `with: { fetch-depth: 0 }` ' +
      '(and keep `persist-credentials` at its default so `git fetch` can authenticate).',
  )
}

/** True when the working tree has uncommitted changes to tracked files. */
export function isDirty(root: string): boolean {
  try {
    return git(root, ['status', '--porcelain', '--untracked-files=no']) !== ''
  } catch {
    return false
  }
}

/**
 * Runs `fn` on a detached, throw-away worktree of `sha` (the user's checkout is not touched), then removes it.
 */
export async function withWorktree<T>(
  root: string,
  sha: string,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  assertCommitSha(sha, 'the pull request head SHA')
  const parent = mkdtempSync(join(tmpdir(), 'privacy-drift-pr-'))
  const dir = join(parent, 'head')
  git(root, ['worktree', 'add', '--detach', '--quiet', '--', dir, sha], 600_000)
  try {
    return await fn(dir)
  } finally {
    try {
      git(root, ['worktree', 'remove', '--force', '--', dir])
    } catch {
      // fall through: prune below forgets it once the folder is gone
    }
    rmSync(parent, { recursive: true, force: true })
    try {
      git(root, ['worktree', 'prune'])
    } catch {
      // best effort
    }
  }
}
