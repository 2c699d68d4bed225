import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DiffIndex, parseGitDiff, parsePatch, unquote, type FileDiffLines } from '../../src/github/diff.js'
import { diffBaseFor, gitDiffLines } from '../../src/github/diff-git.js'
import { apiDiffLines } from '../../src/github/diff-pr.js'
import { commitAll, git, writeFiles } from '../action/helpers.js'
import { asPullFiles, pullFilesFromGit } from './pull-files.js'

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`): string =>
  Array.from({ length: n }, (_, i) => f(i + 1)).join('\n') + '\n'

describe('parsePatch / parseGitDiff (pure)', () => {
  it('an added file: every line is added and commentable', () => {
    const f = parsePatch('a.ts', '@@ -0,0 +1,3 @@\n+one\n+two\n+three')
    expect(f).toEqual({ path: 'a.ts', hunks: [[1, 3]], added: [[1, 3]] })
  })

  it('a modified file with two hunks: context lines are commentable, removed lines take no RIGHT line', () => {
    const patch = [
      '@@ -1,4 +1,5 @@',
      ' import a',
      '-import b',
      '+import c',
      '+import d',
      ' ',
      ' x()',
      '@@ -40,3 +41,4 @@ function f() {',
      ' a',
      '+b',
      ' c',
      ' d',
    ].join('\n')
    const f = parsePatch('m.ts', patch)
    expect(f.hunks).toEqual([
      [1, 5],
      [41, 44],
    ])
    expect(f.added).toEqual([
      [2, 3],
      [42, 42],
    ])
    const index = new DiffIndex([f])
    expect([1, 2, 3, 4, 5, 6, 40, 41, 42, 44, 45].map((l) => index.kind('m.ts', l))).toEqual([
      'context',
      'added',
      'added',
      'context',
      'context',
      'outside',
      'outside',
      'context',
      'added',
      'context',
      'outside',
    ])
    expect(index.kind('other.ts', 1)).toBe('outside')
  })

  it('CRLF content, a missing final newline and content that looks like headers are read as content', () => {
    const text = [
      'diff --git a/w.txt b/w.txt',
      'index 1111111..2222222 100644',
      '--- a/w.txt',
      '+++ b/w.txt',
      '@@ -1,2 +1,4 @@\r',
      ' keep\r',
      '-old\r',
      '+++ not a header\r',
      '+diff --git a/x b/x\r',
      '+last',
      '\\ No newline at end of file',
      'diff --git a/v.txt b/v.txt',
      '--- a/v.txt',
      '+++ b/v.txt',
      '@@ -3 +3 @@',
      '-a',
      '+b',
      '',
    ].join('\n')
    expect(parseGitDiff(text)).toEqual([
      { path: 'w.txt', hunks: [[1, 4]], added: [[2, 4]] },
      { path: 'v.txt', hunks: [[3, 3]], added: [[3, 3]] },
    ])
  })

  it('renames take the new path; deleted, binary and pure renames have no commentable line', () => {
    const text = [
      'diff --git a/old/name.ts b/new/name.ts',
      'similarity index 90%',
      'rename from old/name.ts',
      'rename to new/name.ts',
      'index 1..2 100644',
      '--- a/old/name.ts',
      '+++ b/new/name.ts',
      '@@ -10,2 +10,3 @@',
      ' a',
      '+b',
      ' c',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      'diff --git a/same.ts b/moved/same.ts',
      'similarity index 100%',
      'rename from same.ts',
      'rename to moved/same.ts',
    ].join('\n')
    expect(parseGitDiff(text)).toEqual([{ path: 'new/name.ts', hunks: [[10, 12]], added: [[11, 11]] }])
  })

  it('undoes git’s C quoting of unusual paths', () => {
    expect(unquote('"b/caf\\303\\251 \\"x\\".ts"')).toBe('b/café "x".ts')
    expect(unquote('"tab\\there"')).toBe('tab\there')
    expect(unquote('plain/path.ts')).toBe('plain/path.ts')
    const text = [
      'diff --git "a/q\\"x.ts" "b/q\\"x.ts"',
      '--- "a/q\\"x.ts"',
      '+++ "b/q\\"x.ts"',
      '@@ -0,0 +1 @@',
      '+a',
    ].join('\n')
    expect(parseGitDiff(text).map((f) => f.path)).toEqual(['q"x.ts'])
  })

  it('ranges out of order (an untrusted report-file) are still looked up correctly', () => {
    const index = new DiffIndex([
      {
        path: 'a',
        hunks: [
          [50, 60],
          [1, 5],
        ],
        added: [
          [55, 55],
          [2, 2],
        ],
      },
    ])
    expect([index.kind('a', 2), index.kind('a', 55), index.kind('a', 57), index.kind('a', 20)]).toEqual([
      'added',
      'added',
      'context',
      'outside',
    ])
  })
})

describe('gitDiffLines (real git, throw-away repositories)', () => {
  const dirs: string[] = []
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
  })
  function repo(files: Record<string, string>): { dir: string; base: string } {
    const dir = mkdtempSync(join(tmpdir(), 'pd-diff-'))
    dirs.push(dir)
    writeFiles(dir, files)
    git(dir, 'init', '-q', '-b', 'main')
    return { dir, base: commitAll(dir, 'base') }
  }
  const byPath = (files: FileDiffLines[]): Record<string, Omit<FileDiffLines, 'path'>> =>
    Object.fromEntries(files.map(({ path, ...rest }) => [path, rest]))

  it('added, modified (two hunks), renamed-and-edited, moved and CRLF files; unchanged files have no entry', () => {
    const { dir, base } = repo({
      'src/modified.ts': lines(60),
      'src/old-name.ts': lines(30, (i) => `export const v${i} = ${i}`),
      'lib/moved.ts': lines(20, (i) => `const m${i} = ${i}`),
      'src/crlf.ts': lines(10).replace(/\n/g, '\r\n'),
      'src/untouched.ts': lines(5),
    })
    const modified = lines(60).split('\n')
    modified.splice(2, 0, 'import twilio from "twilio"') // new line 3
    modified.splice(50, 1, 'const phone = user.phone') // line 51 replaced
    const renamed = lines(30, (i) => `export const v${i} = ${i}`).split('\n')
    renamed.splice(15, 0, "document.cookie = 'sid=1'") // new line 16
    const moved = lines(20, (i) => `const m${i} = ${i}`).split('\n')
    moved.splice(4, 0, "import posthog from 'posthog-js'") // new line 5
    mkdirSync(join(dir, 'app'))
    git(dir, 'mv', 'src/old-name.ts', 'src/new-name.ts')
    git(dir, 'mv', 'lib/moved.ts', 'app/moved.ts')
    writeFiles(dir, {
      'src/added.ts': lines(4),
      'src/modified.ts': modified.join('\n'),
      'src/new-name.ts': renamed.join('\n'),
      'app/moved.ts': moved.join('\n'),
      'src/crlf.ts': lines(10)
        .split('\n')
        .map((l, i) => (i === 6 ? 'const email = form.email\r\nconst x = 1' : l))
        .join('\r\n'),
    })
    const head = commitAll(dir, 'head')
    const paths = [
      'src/added.ts',
      'src/modified.ts',
      'src/new-name.ts',
      'app/moved.ts',
      'src/crlf.ts',
      'src/untouched.ts',
    ]
    const files = byPath(gitDiffLines(dir, base, head, paths))

    expect(Object.keys(files).sort()).toEqual([
      'app/moved.ts',
      'src/added.ts',
      'src/crlf.ts',
      'src/modified.ts',
      'src/new-name.ts',
    ])
    expect(files['src/added.ts']).toEqual({ hunks: [[1, 4]], added: [[1, 4]] })
    expect(files['src/modified.ts']!.added).toEqual([
      [3, 3],
      [51, 51],
    ])
    expect(files['src/modified.ts']!.hunks).toHaveLength(2)
    // A renamed or moved file shows only its changed lines, as on GitHub (not the whole file as added).
    expect(files['src/new-name.ts']!.added).toEqual([[16, 16]])
    expect(files['app/moved.ts']!.added).toEqual([[5, 5]])
    expect(files['src/crlf.ts']!.added).toEqual([[7, 8]])
    const index = new DiffIndex(Object.entries(files).map(([path, f]) => ({ path, ...f })))
    expect(index.kind('src/new-name.ts', 13)).toBe('context')
    expect(index.kind('src/new-name.ts', 1)).toBe('outside')

    // The API's patches of the same PR give the same lines.
    const api = apiDiffLines(asPullFiles(pullFilesFromGit(dir, base, head)), paths)
    expect(api.missing).toEqual([])
    expect(byPath(api.files)).toEqual(files)
  })

  it('diffs from the merge base when history allows, as GitHub does; from the base in a shallow clone', () => {
    const { dir, base } = repo({ 'a.ts': lines(10), 'b.ts': lines(10) })
    git(dir, 'checkout', '-q', '-b', 'feature')
    writeFiles(dir, { 'a.ts': lines(10) + 'const email = u.email\n' })
    const head = commitAll(dir, 'feature')
    git(dir, 'checkout', '-q', 'main')
    // The base branch moves on and drops a line the PR branch still has.
    writeFiles(dir, { 'b.ts': lines(9) })
    const movedBase = commitAll(dir, 'main moves')
    expect(diffBaseFor(dir, movedBase, head)).toBe(base)
    // b.ts is not part of the PR on GitHub: no entry, even though base..head differs there.
    expect(gitDiffLines(dir, movedBase, head, ['a.ts', 'b.ts']).map((f) => f.path)).toEqual(['a.ts'])

    const clone = mkdtempSync(join(tmpdir(), 'pd-diff-shallow-'))
    dirs.push(clone)
    git(dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true')
    git(clone, 'init', '-q')
    git(clone, 'fetch', '-q', '--depth=1', `file://${dir}`, head, movedBase)
    expect(diffBaseFor(clone, movedBase, head)).toBe(movedBase)
    expect(byPath(gitDiffLines(clone, movedBase, head, ['a.ts']))).toEqual({
      'a.ts': { hunks: [[8, 11]], added: [[11, 11]] },
    })
  })

  it('paths with spaces, unicode and glob characters are taken literally', () => {
    const { dir, base } = repo({ 'src/[id]/pä ge*.ts': lines(3), 'src/x/pä ge1.ts': lines(3) })
    writeFiles(dir, { 'src/[id]/pä ge*.ts': lines(3) + 'new\n', 'src/x/pä ge1.ts': lines(3) + 'new\n' })
    const head = commitAll(dir, 'head')
    expect(gitDiffLines(dir, base, head, ['src/[id]/pä ge*.ts'])).toEqual([
      { path: 'src/[id]/pä ge*.ts', hunks: [[1, 4]], added: [[4, 4]] },
    ])
  })
})
