import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readReportFile } from '../../src/action/artifact.js'
import { readContext } from '../../src/action/context.js'
import { runScan } from '../../src/core/check.js'
import { loadRules } from '../../src/rules/load.js'
import { readAndScan } from '../../src/scan/read-file.js'
import { FileReadError, readRegularFile } from '../../src/util/safe-read.js'
import { runCli } from '../helpers/cli.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'

const CODE = { 'src/user.ts': 'export interface User {\n  email: string\n}\n' }

/** A named pipe nobody writes to: reading it would block for ever. */
function fifo(path: string): string {
  execFileSync('mkfifo', [path])
  return path
}

function refusal(fn: () => unknown): FileReadError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(FileReadError)
    return e as FileReadError
  }
  throw new Error('expected the read to be refused')
}

describe('the one safe read', () => {
  it('refuses devices, pipes, folders and links it may not follow, without reading a byte', () => {
    const dir = tempDir()
    symlinkSync('/dev/zero', join(dir, 'zero'))
    writeFileSync(join(dir, 'ok.txt'), 'fine')
    symlinkSync('ok.txt', join(dir, 'link.txt'))
    expect(refusal(() => readRegularFile(join(dir, 'zero'), { maxBytes: 10 })).message).toBe(
      'is a character device, not a regular file; refusing to read it',
    )
    expect(refusal(() => readRegularFile(fifo(join(dir, 'pipe')), { maxBytes: 10 })).reason).toBe(
      'not-regular',
    )
    expect(refusal(() => readRegularFile(dir, { maxBytes: 10 })).message).toMatch(/^is a folder/)
    expect(
      refusal(() => readRegularFile(join(dir, 'link.txt'), { maxBytes: 10, noFollow: true })).message,
    ).toMatch(/symbolic link/)
    expect(readRegularFile(join(dir, 'link.txt'), { maxBytes: 10 }).toString()).toBe('fine')
    expect(refusal(() => readRegularFile(join(dir, 'missing'), { maxBytes: 10 })).reason).toBe('missing')
  })

  it('caps the size, and keeps links inside the folder it is given', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(11))
    expect(refusal(() => readRegularFile(join(dir, 'big.txt'), { maxBytes: 10 })).message).toBe(
      'is 11 bytes; the limit is 10 bytes',
    )
    expect(readRegularFile(join(dir, 'big.txt'), { maxBytes: 11 }).length).toBe(11)
    const repo = join(dir, 'repo')
    mkdirSync(repo)
    symlinkSync('../big.txt', join(repo, 'out.txt'))
    symlinkSync('/etc/hostname', join(repo, 'abs.txt'))
    for (const f of ['out.txt', 'abs.txt'])
      expect(refusal(() => readRegularFile(join(repo, f), { maxBytes: 100, within: repo })).reason).toBe(
        'outside',
      )
  })
})

describe('files a repository chooses are read only when they are regular files', () => {
  it('a .gitignore that is a link to /dev/zero, a pipe or a huge file: a note, and the scan goes on', async () => {
    const dir = tempDir()
    writeFiles(dir, { ...CODE, 'a/x.ts': 'export const x = 1\n', 'b/y.ts': 'export const y = 1\n' })
    symlinkSync('/dev/zero', join(dir, '.gitignore'))
    fifo(join(dir, 'a', '.gitignore'))
    writeFileSync(join(dir, 'b', '.gitignore'), '#'.repeat(1024 * 1024 + 1))
    const { inventory } = await runScan({ root: dir })
    expect(inventory.personalData.map((p) => p.category)).toContain('user.contact.email')
    const notes = Object.fromEntries(inventory.notes.map((n) => [n.path, n.message]))
    expect(notes['.gitignore']).toMatch(/^is a symbolic link .*; its rules were not applied$/)
    expect(notes['a/.gitignore']).toMatch(
      /^is a named pipe, not a regular file.*; its rules were not applied$/,
    )
    expect(notes['b/.gitignore']).toMatch(/^is 1,048,577 bytes; the limit is 1,048,576 bytes; its rules/)
  })

  it('privacy.yml as a link to /dev/zero or out of the repository, or a pipe: a located error at once', async () => {
    const zero = tempDir()
    writeFiles(zero, CODE)
    symlinkSync('/dev/zero', join(zero, 'privacy.yml'))
    const a = await runCli(['check', zero])
    expect(a.code).toBe(2)
    expect(a.stderr).toMatch(
      /privacy\.yml:1:1 manifest is a character device, not a regular file; refusing to read it/,
    )

    const inRepo = tempDir()
    writeFiles(inRepo, CODE)
    mkdirSync(join(inRepo, '.git'))
    writeFileSync(join(inRepo, '..', 'outside-privacy.yml'), 'version: 1\n')
    symlinkSync('../outside-privacy.yml', join(inRepo, 'privacy.yml'))
    const b = await runCli(['check', inRepo])
    expect(b.code).toBe(2)
    expect(b.stderr).toMatch(/privacy\.yml:1:1 manifest leads outside the repository/)

    const piped = tempDir()
    writeFiles(piped, CODE)
    fifo(join(piped, 'privacy.yml'))
    const c = await runCli(['check', piped])
    expect(c.code).toBe(2)
    expect(c.stderr).toMatch(/manifest is a named pipe/)
  })

  it('policy.file, ignore.paths and scope globs that leave the repository are located errors', async () => {
    const dir = tempDir()
    writeFiles(dir, {
      ...CODE,
      'privacy.yml':
        'version: 1\npolicy:\n  file: ../../etc/passwd\nignore:\n  paths: ["/etc/**", "src/../../x/**", "ok/**"]\nscope:\n  product: ["ok/**", "../sdk/**"]\n',
    })
    const r = await runCli(['check', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /privacy\.yml:3:9 policy\.file: policy file "\.\.\/\.\.\/etc\/passwd" is outside the repository/,
    )
    expect(r.stderr).toMatch(
      /privacy\.yml:5:11 ignore\.paths\[0\]: glob "\/etc\/\*\*" points outside the repository/,
    )
    expect(r.stderr).toMatch(/ignore\.paths\[1\]: glob "src\/\.\.\/\.\.\/x\/\*\*" points outside/)
    expect(r.stderr).not.toContain('ignore.paths[2]')
    expect(r.stderr).toMatch(/privacy\.yml:7:22 scope\.product\[1\]: glob "\.\.\/sdk\/\*\*" points outside/)
  })

  it('policy.file as a link out of the repository, to /dev/zero, or a pipe: a located error, nothing read', async () => {
    const dir = tempDir()
    writeFiles(dir, { ...CODE, 'privacy.yml': 'version: 1\npolicy:\n  file: docs/privacy.md\n' })
    mkdirSync(join(dir, '.git'))
    mkdirSync(join(dir, 'docs'))
    const policy = join(dir, 'docs', 'privacy.md')
    for (const [make, why] of [
      [() => symlinkSync('/etc/passwd', policy), 'leads outside the repository'],
      [() => symlinkSync('/dev/zero', policy), 'leads outside the repository'],
      [() => fifo(policy), 'is a named pipe, not a regular file'],
    ] as const) {
      rmSync(policy, { force: true })
      make()
      for (const args of [
        ['policy', 'lint', dir],
        ['check', dir, '--fix', '--policy'],
      ]) {
        const r = await runCli(args)
        expect(r.code).toBe(2)
        expect(r.stderr).toMatch(/privacy\.yml:3:9 policy\.file: policy file \S*docs\/privacy\.md /)
        expect(r.stderr).toContain(why)
        expect(r.stdout).not.toContain('root:')
      }
    }
    // A link that stays inside the repository is the policy text.
    rmSync(policy, { force: true })
    writeFileSync(join(dir, 'docs', 'policy-text.md'), 'We collect your email address.\n')
    symlinkSync('policy-text.md', policy)
    expect((await runCli(['policy', 'lint', dir])).code).toBe(0)
  })

  it('a rule file that is a link to /dev/zero is an error naming it', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'rules'))
    symlinkSync('/dev/zero', join(dir, 'rules', 'acme.yml'))
    expect(() => loadRules([join(dir, 'rules')], dir)).toThrow(
      /rules\/acme\.yml:1:1 rule file is a symbolic link/,
    )
  })

  it('a scanned file swapped for a pipe after the listing is a note, not a hang', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'src'))
    fifo(join(dir, 'src', 'late.ts'))
    const facts = readAndScan(dir, 'src/late.ts', loadRules())
    expect(facts.notes.map((n) => n.message)).toEqual([
      'is a named pipe, not a regular file; refusing to read it',
    ])
  })
})

describe('files an input or the runner names are read the same way', () => {
  it('report-file: /dev/zero is refused at once', () => {
    expect(() => readReportFile('/dev/zero')).toThrow(
      'report-file /dev/zero is a character device, not a regular file; refusing to read it',
    )
  })

  it('an event payload that is a device, or not JSON, is named without quoting it', () => {
    expect(() => readContext({ GITHUB_EVENT_PATH: '/dev/zero' })).toThrow(/is a character device/)
    const dir = tempDir()
    writeFileSync(join(dir, 'event.json'), '<!DOCTYPE html><p>secret-ish</p>')
    expect(() => readContext({ GITHUB_EVENT_PATH: join(dir, 'event.json') })).toThrow(
      /event\.json is not JSON \(it looks like an HTML or XML page\)$/,
    )
    writeFileSync(join(dir, 'event.json'), '{"pull_request": {"number": 1')
    expect(() => readContext({ GITHUB_EVENT_PATH: join(dir, 'event.json') })).toThrow(/ends too early/)
  })

  it('explain on a file that is a link to a device is a usage error', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'src'))
    symlinkSync('/dev/zero', join(dir, 'src', 'zero.ts'))
    const r = await runCli(['explain', 'src/zero.ts:1', '--dir', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot explain src\/zero\.ts under .*: it is a character device/)
  })
})
