import { parsePatch, type FileDiffLines } from './diff.js'
import { gitDiffLines } from './diff-git.js'
import { GitHubApiError } from './errors.js'
import type { Logger } from './octokit.js'
import type { PrRef } from './pr-client.js'
import type { PullFile, ReviewClient } from './review-client.js'

/** The API lists at most this many files of a pull request. */
const API_FILE_LIMIT = 3_000

/**
 * The commentable lines of `paths` from the API's file patches (GitHub's own diff of the PR), without a
 * checkout. `missing` names the wanted files the API lists without a patch (binary, or too large a diff).
 */
export function apiDiffLines(
  files: readonly PullFile[],
  paths: readonly string[],
): { files: FileDiffLines[]; missing: string[] } {
  const wanted = new Set(paths)
  const out: FileDiffLines[] = []
  const missing: string[] = []
  for (const f of files) {
    if (!wanted.has(f.path) || f.status === 'removed') continue
    if (f.patch === undefined) missing.push(f.path)
    else {
      const lines = parsePatch(f.path, f.patch)
      if (lines.hunks.length > 0) out.push(lines)
    }
  }
  return { files: out, missing }
}

/**
 * The commentable lines for `check --pr`: the API's patches first (exactly what GitHub accepts), the local
 * clone's `git diff` for files the API gives no patch for, and for everything when the API cannot list them.
 */
export async function prDiffLines(
  reviews: ReviewClient | undefined,
  pr: PrRef,
  local: { top: string; base: string; head: string },
  paths: readonly string[],
  log: Logger,
): Promise<FileDiffLines[]> {
  if (paths.length === 0) return []
  let listed: PullFile[] | undefined
  if (reviews)
    try {
      listed = await reviews.listFiles(pr)
    } catch (e) {
      if (!(e instanceof GitHubApiError)) throw e
      log.warning(`${e.message}; reading the diff from the local clone instead`)
    }
  if (!listed || listed.length >= API_FILE_LIMIT)
    return gitDiffLines(local.top, local.base, local.head, paths)
  const { files, missing } = apiDiffLines(listed, paths)
  if (missing.length > 0) files.push(...gitDiffLines(local.top, local.base, local.head, missing))
  return files
}
