import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { POLICY_MARKERS } from '../../src/policy/pr-section.js'
import { bundledCli } from '../helpers/bundled-cli.js'
import { runCli } from '../helpers/cli.js'
import { copyFixture, tempDir, writeFiles } from '../helpers/tmp.js'

/** Code with one undeclared personal-data field and one undeclared cookie. */
const CODE = {
  'src/user.ts': 'export interface User {\n  phoneNumber: string\n}\n',
  'src/session.ts': "document.cookie = 'sid=1; path=/'\n",
}

/** A repository with this privacy.yml (text or bytes) next to CODE. */
function repo(manifest: string | Buffer): { dir: string; path: string } {
  const dir = tempDir()
  writeFiles(dir, CODE)
  const path = join(dir, 'privacy.yml')
  writeFileSync(path, manifest)
  return { dir, path }
}

/** Runs `check --fix`, then checks that `check` is in sync and a second `--fix` adds nothing. */
async function fixAndConfirm(dir: string): Promise<string> {
  const fixed = await runCli(['check', dir, '--fix'])
  expect(fixed.stderr).toMatch(/added 2 entries \(1 data, 1 cookies\)/)
  expect(fixed.code).toBe(0)
  const check = await runCli(['check', dir, '--no-color'])
  expect(check.stdout).toContain('✓ In sync')
  const again = await runCli(['check', dir, '--fix'])
  expect(again.stderr).toContain('nothing to add')
  return fixed.stderr
}

/** The comments of a YAML text, in order. */
const comments = (text: string): string[] => text.match(/#[^\n]*/g) ?? []

/** The edit only inserted text: `before` is `after` with some characters left out. */
function onlyInserted(before: string, after: string): boolean {
  let i = 0
  for (const ch of after) if (i < before.length && ch === before[i]) i++
  return i === before.length
}

/** Every comment of `before` is in `after`, in the same order (new entries bring comments of their own). */
function expectCommentsKept(before: string, after: string): void {
  const kept = comments(after)
  let i = 0
  for (const c of comments(before)) {
    while (i < kept.length && kept[i] !== c) i++
    expect(i, `comment ${c} kept in order`).toBeLessThan(kept.length)
    i++
  }
}

describe('check --fix loses nothing', () => {
  it('adds after the last item of a flow list, not inside its trailing comment', async () => {
    const before = 'version: 1\ndata: [\n  { category: user.name },  # first\n  # the last line\n]\n'
    const { dir, path } = repo(before)
    await fixAndConfirm(dir)
    const after = readFileSync(path, 'utf8')
    expectCommentsKept(before, after)
    expect(onlyInserted(before, after)).toBe(true)
    expect(after).toMatch(/# first\n {2}# the last line\n\]\n/)
    expect(after).toContain('{ category: user.name }, { category: user.contact.phone_number')
  })

  it('a flow list with a bracket in its comment, on one line', async () => {
    const { dir, path } = repo('version: 1\ndata: [{ category: user.name }]  # see [docs]\n')
    await fixAndConfirm(dir)
    expect(readFileSync(path, 'utf8')).toMatch(
      /^data: \[\{ category: user\.name \}, \{ category: user\.contact\.phone_number[^\n]*\] {2}# see \[docs\]$/m,
    )
  })

  it('keeps a manifest that is one flow mapping, with its comments', async () => {
    const before = '# our declarations\n{\n  version: 1, # format\n  data: [], # nothing yet\n}\n# end\n'
    const { dir, path } = repo(before)
    await fixAndConfirm(dir)
    const after = readFileSync(path, 'utf8')
    expectCommentsKept(before, after)
    expect(comments(after)).toEqual(comments(before))
    // Edited in place, not printed again: every character of the file is where it was.
    expect(onlyInserted(before, after)).toBe(true)
    expect(after.trimStart().startsWith('# our declarations\n{')).toBe(true)
  })

  it('writes through a symbolic link: the target is updated, the link stays a link', async () => {
    const dir = tempDir()
    writeFiles(dir, { ...CODE, 'config/privacy.yml': 'version: 1\n' })
    symlinkSync('config/privacy.yml', join(dir, 'privacy.yml'))
    await fixAndConfirm(dir)
    expect(lstatSync(join(dir, 'privacy.yml')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(join(dir, 'privacy.yml'))).toBe('config/privacy.yml')
    expect(readFileSync(join(dir, 'config/privacy.yml'), 'utf8')).toContain('user.contact.phone_number')
  })

  it('keeps a byte-order mark, and new sections start in column 1', async () => {
    const { dir, path } = repo('\uFEFFversion: 1\ndata:\n  - category: user.name\n')
    await fixAndConfirm(dir)
    const after = readFileSync(path, 'utf8')
    expect(after.startsWith('\uFEFFversion: 1\n')).toBe(true)
    expect(after).toMatch(/^cookies:\n {2}- name: sid\b/m)
  })

  it('adds before a `...` document end marker, keeping what follows it', async () => {
    const { dir, path } = repo('---\nversion: 1\ndata:\n  - category: user.name\n...\n# after the end\n')
    await fixAndConfirm(dir)
    const after = readFileSync(path, 'utf8')
    expect(after.indexOf('cookies:')).toBeLessThan(after.indexOf('\n...\n'))
    expect(after.endsWith('...\n# after the end\n')).toBe(true)
  })

  it('keeps a byte that is not UTF-8 in an untouched comment byte for byte', async () => {
    const before = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.of(0xe9), // Latin-1 é
      Buffer.from(' au lait\nversion: 1\ndata:\n  - category: user.name\n'),
    ])
    const { dir, path } = repo(before)
    await fixAndConfirm(dir)
    const after = readFileSync(path)
    expect(after.subarray(0, before.length)).toEqual(before)
    expect(after.includes(Buffer.from('\uFFFD'))).toBe(false)
  })

  it('keeps the file mode and owner', async () => {
    const { dir, path } = repo('version: 1\n')
    chmodSync(path, 0o444)
    await fixAndConfirm(dir)
    expect(statSync(path).mode & 0o777).toBe(0o444)

    const owned = repo('version: 1\n')
    chmodSync(owned.path, 0o640)
    const asRoot = process.getuid?.() === 0
    if (asRoot) chownSync(owned.path, 65534, 65534)
    const before = statSync(owned.path)
    await fixAndConfirm(owned.dir)
    const after = statSync(owned.path)
    expect(after.mode & 0o777).toBe(0o640)
    expect([after.uid, after.gid]).toEqual([before.uid, before.gid])
  })
})

describe('check --fix that cannot write says so, and leaves everything as it was', () => {
  /** The files of a folder, the manifest's content, and the CLI's result. */
  function attempt(dir: string, path: string, prefix: string[]) {
    const before = readFileSync(path, 'utf8')
    const r = spawnSync(prefix[0]!, [...prefix.slice(1), 'check', dir, '--fix'], {
      encoding: 'utf8',
      uid: process.getuid?.() === 0 && prefix[0] === process.execPath ? 65534 : undefined,
      gid: process.getuid?.() === 0 && prefix[0] === process.execPath ? 65534 : undefined,
    })
    expect(r.status).toBe(2)
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /)
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    return r.stderr
  }

  it('a read-only folder: a clear error, no stack trace, no temporary file', () => {
    const { dir, path } = repo('version: 1\n')
    // Root writes anywhere: the CLI runs as nobody then, and the folder is not nobody's.
    chmodSync(dir, process.getuid?.() === 0 ? 0o755 : 0o555)
    chmodSync(path, 0o644)
    mkdirSync(join(dir, 'src'), { recursive: true })
    try {
      const stderr = attempt(dir, path, [process.execPath, bundledCli()])
      expect(stderr).toMatch(
        /privacy-drift: cannot write \S*privacy\.yml: permission denied \(is the file or its folder read-only\?\); it was left unchanged/,
      )
    } finally {
      chmodSync(dir, 0o755)
    }
  })

  it('a disk that fills up while writing: a clear error, no stack trace, no temporary file', () => {
    // A file-size limit of 2 KiB makes the write fail part-way, as a full disk does (EFBIG rather than ENOSPC).
    const { dir, path } = repo(
      `version: 1\n${'# padding to pass the limit once entries are added\n'.repeat(40)}`,
    )
    const stderr = attempt(dir, path, [
      'bash',
      '-c',
      'ulimit -f 2 && exec "$0" "$@"',
      process.execPath,
      bundledCli(),
    ])
    expect(stderr).toMatch(
      /cannot write \S*privacy\.yml: the file is larger than this system allows; it was left unchanged/,
    )
  })
})

describe('check --fix --policy loses nothing in the policy text either (the same writer)', () => {
  /** The policy-lint fixture, its policy marked for privacy-drift, with `head` (text or bytes) before the section. */
  function policyRepo(head: string | Buffer = ''): { dir: string; file: string } {
    const dir = copyFixture('fixtures/policy-lint')
    const file = join(dir, 'docs/privacy-policy.md')
    const markers = `\n${POLICY_MARKERS.start}\n${POLICY_MARKERS.end}\n`
    writeFileSync(file, Buffer.concat([Buffer.from(head), readFileSync(file), Buffer.from(markers)]))
    return { dir, file }
  }

  it('keeps a byte that is not UTF-8 outside the section byte for byte', async () => {
    const head = Buffer.concat([Buffer.from('Caf'), Buffer.of(0xe9), Buffer.from(' Lumi\u00e8re\n\n')])
    const { dir, file } = policyRepo(head)
    const before = readFileSync(file)
    const r = await runCli(['check', dir, '--fix', '--policy'])
    expect(r.stderr).toMatch(/added \d+ sentences? to the privacy-drift section/)
    const after = readFileSync(file)
    const end = before.indexOf(POLICY_MARKERS.start) + POLICY_MARKERS.start.length
    expect(after.subarray(0, end)).toEqual(before.subarray(0, end))
    expect(after.includes(Buffer.from('\uFFFD'))).toBe(false)
  })

  it('writes through a link inside the repository, keeping mode and owner', async () => {
    const { dir, file } = policyRepo()
    renameSync(file, join(dir, 'docs/policy-text.md'))
    symlinkSync('policy-text.md', file)
    chmodSync(join(dir, 'docs/policy-text.md'), 0o640)
    if (process.getuid?.() === 0) chownSync(join(dir, 'docs/policy-text.md'), 65534, 65534)
    const before = statSync(join(dir, 'docs/policy-text.md'))
    const r = await runCli(['check', dir, '--fix', '--policy'])
    expect(r.code).toBe(0)
    expect(lstatSync(file).isSymbolicLink()).toBe(true)
    expect(readFileSync(join(dir, 'docs/policy-text.md'), 'utf8')).toContain('We use marketing cookies')
    const after = statSync(join(dir, 'docs/policy-text.md'))
    expect(after.mode & 0o777).toBe(0o640)
    expect([after.uid, after.gid]).toEqual([before.uid, before.gid])
  })

  it('a read-only folder: a clear error, no stack trace, no temporary file, privacy.yml untouched', () => {
    const { dir, file } = policyRepo()
    const manifest = readFileSync(join(dir, 'privacy.yml'), 'utf8')
    const policy = readFileSync(file, 'utf8')
    // Root writes anywhere: the CLI runs as nobody then, and the folder is not nobody's.
    chmodSync(dir, 0o755)
    chmodSync(join(dir, 'docs'), process.getuid?.() === 0 ? 0o755 : 0o555)
    try {
      const asRoot = process.getuid?.() === 0
      const r = spawnSync(process.execPath, [bundledCli(), 'check', dir, '--fix', '--policy'], {
        encoding: 'utf8',
        uid: asRoot ? 65534 : undefined,
        gid: asRoot ? 65534 : undefined,
      })
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /)
      expect(r.stderr).toMatch(
        /privacy-drift: cannot write \S*privacy-policy\.md: permission denied \(is the file or its folder read-only\?\); it was left unchanged/,
      )
      expect(r.status).toBe(2)
      expect(readFileSync(file, 'utf8')).toBe(policy)
      expect(readFileSync(join(dir, 'privacy.yml'), 'utf8')).toBe(manifest)
      expect(readdirSync(join(dir, 'docs')).filter((f) => f.endsWith('.tmp'))).toEqual([])
    } finally {
      chmodSync(join(dir, 'docs'), 0o755)
    }
  })
})
