import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { UsageError } from '../util/errors.js'
import { quote } from '../util/text.js'

// Every git call passes its revisions after `--end-of-options` and its paths after `--`, so no value (a payload
// SHA, a file name, a --base argument) can be read as an option such as `--upload-pack=<command>`.

/** A file that differs between a base commit and the working tree (or head commit). */
export interface ChangedFile {
  path: string
  status: 'added' | 'modified' | 'deleted' | 'renamed'
  /** For renames: the path at the base. */
  previousPath?: string
}

/** A full commit SHA: 40 hexadecimal digits (SHA-1) or 64 (SHA-256), lower case as git and GitHub write them. */
const COMMIT_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/

/** True for a full commit SHA (and nothing that git could read as an option, a range or a ref name). */
export function isCommitSha(value: unknown): value is string {
  return typeof value === 'string' && COMMIT_SHA.test(value)
}

/**
 * Checks a SHA before it reaches git; the error names where it came from but never echoes it (a payload can put
 * a newline and a fake workflow command in it).
 */
export function assertCommitSha(value: unknown, what: string): string {
  if (isCommitSha(value)) return value
  throw new UsageError(
    `${what} is not a commit SHA (40 or 64 hexadecimal digits)${typeof value === 'string' ? `; it is ${value.length} characters long` : ''}`,
  )
}

/** Runs git in `root`; output is bounded by `maxBuffer`, and git never prompts. */
export function runGit(
  root: string,
  args: string[],
  options: { maxBuffer?: number; timeout?: number; input?: string } = {},
): Buffer {
  return execFileSync('git', ['-C', root, ...args], {
    maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
    timeout: options.timeout,
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  })
}

/** Resolves a ref to a commit SHA, with an actionable error when it is missing (e.g. a shallow clone). */
export function resolveCommit(root: string, ref: string): string {
  const shown = `--base ${quote(ref)}`
  let sha = ''
  try {
    sha = runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
      .toString()
      .trim()
  } catch {
    let shallow = false
    try {
      shallow = runGit(root, ['rev-parse', '--is-shallow-repository']).toString().trim() === 'true'
    } catch {
      throw new UsageError(`${shown}: ${root} is not a git repository`)
    }
    throw new UsageError(
      `${shown}: commit not found in ${root}` +
        (shallow
          ? ' (this is a shallow clone: fetch it with `git fetch --depth=1 origin <sha>`, or check out with fetch-depth: 0)'
          : ''),
    )
  }
  return assertCommitSha(sha, `${shown} resolved to something that`)
}

/** Files changed between a base commit and the working tree (or `head` when given), renames detected. */
export function changedFiles(root: string, base: string, head?: string): ChangedFile[] {
  const revisions = [assertCommitSha(base, 'the base commit')]
  if (head !== undefined) revisions.push(assertCommitSha(head, 'the head commit'))
  const out = runGit(root, [
    'diff',
    '--name-status',
    '-z',
    '-M',
    '--no-ext-diff',
    '--end-of-options',
    ...revisions,
    '--',
  ]).toString()
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
    const untracked = runGit(root, ['ls-files', '--others', '--exclude-standard', '-z', '--'])
      .toString()
      .split('\0')
      .filter(Boolean)
    for (const path of untracked) files.push({ path, status: 'added' })
  }
  return files
}

/** A file at a commit: its content, or only its size when it is over the limit (it is not read). */
export type BlobAtCommit = { content: Buffer; size: number } | { content?: undefined; size: number }

/**
 * A regular file's content at a commit; undefined when the path holds no regular file there (absent, a symbolic
 * link or a submodule: links are not followed at the base either). A blob over `maxBytes` is not read.
 */
export function readAtCommit(
  root: string,
  commit: string,
  path: string,
  maxBytes: number,
): BlobAtCommit | undefined {
  return readManyAtCommit(root, commit, [path], maxBytes).get(path)
}

/**
 * `readAtCommit` for many paths with a git process per 500 paths and one for all contents, not two per file: a
 * PR check reads every changed file at the base, and a process per file costs more than the scan of it.
 */
export function readManyAtCommit(
  root: string,
  commit: string,
  paths: readonly string[],
  maxBytes: number,
): Map<string, BlobAtCommit> {
  const sha = assertCommitSha(commit, 'the base commit')
  const out = new Map<string, BlobAtCommit>()
  const wanted = new Set(paths)
  const blobs: { path: string; oid: string; size: number }[] = []
  for (let i = 0; i < paths.length; i += 500) {
    let listing: string
    try {
      listing = runGit(root, [
        '--literal-pathspecs',
        'ls-tree',
        '-l',
        '-z',
        '--full-tree',
        '--end-of-options',
        sha,
        '--',
        ...paths.slice(i, i + 500),
      ]).toString()
    } catch {
      continue
    }
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`, NUL-terminated; regular files only (no links).
    for (const entry of listing.split('\0')) {
      const m = /^(\d+) blob ([0-9a-f]+) +(\d+)\t([\s\S]*)$/.exec(entry)
      if (!m || !wanted.has(m[4]!) || !/^100[67][0-7]{2}$/.test(m[1]!)) continue
      const size = Number(m[3])
      if (size > maxBytes) out.set(m[4]!, { size })
      else blobs.push({ path: m[4]!, oid: m[2]!, size })
    }
  }
  if (blobs.length === 0) return out
  let data: Buffer
  try {
    // `<object> SP blob SP <size> LF <content> LF` per object, in the order asked.
    data = runGit(root, ['cat-file', '--batch'], {
      input: blobs.map((b) => b.oid).join('\n') + '\n',
      maxBuffer: blobs.reduce((n, b) => n + b.size + 100, 0) + 1024,
    })
  } catch {
    return out
  }
  let pos = 0
  for (const b of blobs) {
    const eol = data.indexOf(10, pos)
    if (eol < 0) break
    const header = /^([0-9a-f]+) blob (\d+)$/.exec(data.subarray(pos, eol).toString())
    if (!header || header[1] !== b.oid) {
      pos = eol + 1 // `<object> missing`
      continue
    }
    const size = Number(header[2])
    out.set(b.path, { content: Buffer.from(data.subarray(eol + 1, eol + 1 + size)), size })
    pos = eol + 1 + size + 1
  }
  return out
}

/** The repository's top-level folder, or undefined outside a git repository. */
export function repoRoot(dir: string): string | undefined {
  try {
    return runGit(dir, ['rev-parse', '--show-toplevel']).toString().trim()
  } catch {
    return undefined
  }
}

/**
 * The nearest folder at or above `dir` that holds `.git` (a repository or a worktree), found without running
 * git; undefined outside one. The boundary for files a repository names.
 */
export function enclosingRepository(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d
    if (dirname(d) === d) return undefined
  }
}
