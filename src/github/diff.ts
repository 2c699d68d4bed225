/**
 * Which lines of a pull request's diff a review comment may sit on. GitHub accepts a line comment only on the
 * RIGHT side of a diff hunk (an added or a context line); a single line outside every hunk makes it reject the
 * whole review. Pure: parses `git diff` output or the API's per-file `patch` text into line ranges.
 */

/** An inclusive range of line numbers on the RIGHT (head) side. */
export type LineRange = [number, number]

/** The commentable lines of one file. */
export interface FileDiffLines {
  /** Repo-relative POSIX path at the head. */
  path: string
  /** RIGHT-side lines inside the hunks (added and context lines): where a review comment may go. */
  hunks: LineRange[]
  /** RIGHT-side lines the pull request adds. */
  added: LineRange[]
}

/** Where a line stands in the diff: added by the PR, shown as context, or outside every hunk. */
export type DiffLineKind = 'added' | 'context' | 'outside'

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/** Appends a line to sorted ranges, extending the last range when the line is adjacent. */
function push(ranges: LineRange[], line: number): void {
  const last = ranges[ranges.length - 1]
  if (last && line <= last[1] + 1) last[1] = Math.max(last[1], line)
  else ranges.push([line, line])
}

/**
 * Reads one hunk starting at `lines[start]` (its `@@` header); returns the index after it. Counts from the
 * header bound the hunk, so an added line that reads `+++ x` or `diff --git` is content, not a header.
 */
function readHunk(lines: readonly string[], start: number, into: Omit<FileDiffLines, 'path'>): number {
  const m = HUNK_HEADER.exec(lines[start]!)
  if (!m) return start + 1
  let oldLeft = m[2] === undefined ? 1 : Number(m[2])
  let newLeft = m[4] === undefined ? 1 : Number(m[4])
  let line = Number(m[3])
  if (newLeft > 0) into.hunks.push([line, line + newLeft - 1])
  let i = start + 1
  while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
    const text = lines[i]!
    const sign = text[0]
    if (sign === '+') {
      push(into.added, line)
      line++
      newLeft--
    } else if (sign === '-') oldLeft--
    else if (sign === '\\') {
      // "\ No newline at end of file": belongs to the line before it.
    } else if (sign === ' ' || text === '' || text === '\r') {
      // An empty line is a context line whose leading space was stripped (some tools and e-mail do that).
      line++
      oldLeft--
      newLeft--
    } else break
    i++
  }
  return i
}

/** Parses the API's `patch` of one file (hunks only, no file headers). */
export function parsePatch(path: string, patch: string): FileDiffLines {
  const file: FileDiffLines = { path, hunks: [], added: [] }
  const lines = patch.split('\n')
  for (let i = 0; i < lines.length;) i = HUNK_HEADER.test(lines[i]!) ? readHunk(lines, i, file) : i + 1
  return file
}

/**
 * Parses `git diff` output (any number of files, renames, binary files, CRLF content, C-quoted paths). Deleted
 * files and files without hunks (pure renames, mode changes, binaries) have no commentable line and are left
 * out. Expects the default `a/` and `b/` prefixes.
 */
export function parseGitDiff(text: string): FileDiffLines[] {
  const lines = text.split('\n')
  const files: FileDiffLines[] = []
  let current: FileDiffLines | undefined
  let deleted = false
  const finish = (): void => {
    if (current && !deleted && current.path && current.hunks.length > 0) files.push(current)
    current = undefined
  }
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!.replace(/\r$/, '')
    if (line.startsWith('diff --git ')) {
      finish()
      current = { path: pathFromDiffGit(line.slice('diff --git '.length)) ?? '', hunks: [], added: [] }
      deleted = false
      i++
    } else if (current && line.startsWith('@@ ')) i = readHunk(lines, i, current)
    else {
      if (current) {
        if (line.startsWith('+++ ')) {
          // git ends the name with a tab when it holds a space (a name ending in a tab would be quoted).
          const target = line.slice(4).replace(/\t$/, '')
          if (target === '/dev/null') deleted = true
          else current.path = stripPrefix(unquote(target), 'b/')
        } else if (line.startsWith('rename to ')) current.path = unquote(line.slice('rename to '.length))
        else if (line.startsWith('deleted file mode')) deleted = true
      }
      i++
    }
  }
  finish()
  return files
}

/** `a/x b/x` → `x` when both sides are the same unquoted path; undefined when it cannot be told. */
function pathFromDiffGit(rest: string): string | undefined {
  if (rest.startsWith('"')) return undefined
  const half = (rest.length - 1) / 2
  if (!Number.isInteger(half)) return undefined
  const a = rest.slice(0, half)
  const b = rest.slice(half + 1)
  return a.startsWith('a/') && b.startsWith('b/') && a.slice(2) === b.slice(2) ? b.slice(2) : undefined
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 }

/** Undoes git's C-style quoting of a path (`"b/caf\303\251 \"x\".ts"`); plain paths pass through. */
export function unquote(text: string): string {
  if (!(text.startsWith('"') && text.endsWith('"') && text.length >= 2)) return text
  const bytes: number[] = []
  const body = text.slice(1, -1)
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'))
      continue
    }
    const next = body[i + 1] ?? ''
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4))
    if (octal) {
      bytes.push(parseInt(octal[0], 8))
      i += 3
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0))
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** An index for lookups: path → commentable lines. */
export class DiffIndex {
  private readonly byPath: Map<string, FileDiffLines>

  constructor(files: readonly FileDiffLines[]) {
    // Sorted here, as the lookups need: ranges may come from an untrusted report-file.
    const sorted = (r: readonly LineRange[]): LineRange[] => [...r].sort((a, b) => a[0] - b[0])
    this.byPath = new Map(
      files.map((f) => [f.path, { ...f, hunks: sorted(f.hunks), added: sorted(f.added) }]),
    )
  }

  /** Whether the file has any hunk (an unchanged file has none). */
  has(path: string): boolean {
    return this.byPath.has(path)
  }

  /** Where a RIGHT-side line stands in the diff. */
  kind(path: string, line: number): DiffLineKind {
    const f = this.byPath.get(path)
    if (!f) return 'outside'
    if (inRanges(f.added, line)) return 'added'
    return inRanges(f.hunks, line) ? 'context' : 'outside'
  }
}

function inRanges(ranges: readonly LineRange[], line: number): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [from, to] = ranges[mid]!
    if (line < from) hi = mid - 1
    else if (line > to) lo = mid + 1
    else return true
  }
  return false
}
