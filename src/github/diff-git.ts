import { assertCommitSha, changedFiles, isCommitSha, runGit } from '../git/git.js'
import { parseGitDiff, type FileDiffLines } from './diff.js'

// The commentable lines of a pull request, from the local clone: works on shallow and fork checkouts, where only
// the base and head commits are present.

function git(top: string, args: string[]): string {
  return runGit(top, args, { timeout: 120_000 }).toString()
}

/**
 * GitHub diffs a PR from the merge base of its base and head (the three-dot diff). With enough history the
 * local diff does the same; in a shallow clone there is no merge base and the two-dot diff from the base commit
 * is the best estimate (a line it counts as added that GitHub does not show is rejected and skipped later).
 */
export function diffBaseFor(top: string, base: string, head: string): string {
  const revisions = [assertCommitSha(base, 'the base commit'), assertCommitSha(head, 'the head commit')]
  try {
    const mergeBase = git(top, ['merge-base', '--end-of-options', ...revisions]).trim()
    return isCommitSha(mergeBase) ? mergeBase : base
  } catch {
    return base
  }
}

/** Enough paths per `git diff` call to stay far below the command-line length limit. */
const PATHS_PER_CALL = 200

/**
 * The commentable lines of `paths` (repo-relative) between two commits. Renames are followed: the old path is
 * diffed with the new one, so a moved file shows only its changed lines, as on GitHub. Files the PR did not
 * change have no entry.
 */
export function gitDiffLines(
  top: string,
  base: string,
  head: string,
  paths: readonly string[],
): FileDiffLines[] {
  if (paths.length === 0) return []
  const from = diffBaseFor(top, base, head)
  const wanted = new Set(paths)
  // A renamed file's old and new paths go into the same call, or git would see an added file.
  const groups = changedFiles(top, from, head)
    .filter((ch) => ch.status !== 'deleted' && wanted.has(ch.path))
    .map((ch) => (ch.previousPath ? [ch.path, ch.previousPath] : [ch.path]))
  const files: FileDiffLines[] = []
  for (let i = 0; i < groups.length; i += PATHS_PER_CALL) {
    const out = git(top, [
      '-c',
      'core.quotePath=false',
      '--literal-pathspecs',
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-relative',
      '-M',
      '--unified=3',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      '--end-of-options',
      from,
      head,
      '--',
      ...groups.slice(i, i + PATHS_PER_CALL).flat(),
    ])
    files.push(...parseGitDiff(out).filter((f) => wanted.has(f.path)))
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
