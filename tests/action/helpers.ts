import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ActionIO, AnnotationPlace } from '../../src/action/io.js'

export const PROJECT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DEMO_SHOP = join(PROJECT, 'fixtures', 'demo-shop')
export const EVENTS = join(PROJECT, 'fixtures', 'events')

// One shared empty file (test workers may be killed before any exit hook runs, so nothing per process).
const EMPTY_CONFIG = join(tmpdir(), 'privacy-drift-tests-empty-gitconfig')
writeFileSync(EMPTY_CONFIG, '')

/** Runs git in a folder with a fixed identity and no user/system config. */
export function git(dir: string, ...args: string[]): string {
  try {
    return runGit(dir, args)
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string }
    throw new Error(`git ${args.join(' ')} in ${dir}: ${err.stderr?.toString().trim() || err.message}`)
  }
}

function runGit(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      // An empty file of our own: /dev/null has been seen replaced by a regular file on shared machines.
      GIT_CONFIG_GLOBAL: EMPTY_CONFIG,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: '2026-10-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2026-10-01T10:00:00Z',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .toString()
    .trim()
}

/** Writes files (path → content) under a folder. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '--allow-empty', '-m', message)
  return git(dir, 'rev-parse', 'HEAD')
}

export interface PrRepo {
  dir: string
  baseSha: string
  headSha: string
  cleanup(): void
}

/** A PR in the making: the demo shop committed at base, `head` files committed on top. */
export function makePrRepo(head: Record<string, string>, base: Record<string, string> = {}): PrRepo {
  const dir = mkdtempSync(join(tmpdir(), 'pd-pr-'))
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true })
  try {
    cpSync(DEMO_SHOP, dir, { recursive: true })
    writeFiles(dir, base)
    git(dir, 'init', '-q', '-b', 'main')
    const baseSha = commitAll(dir, 'base')
    writeFiles(dir, head)
    const headSha = commitAll(dir, 'head')
    return { dir, baseSha, headSha, cleanup }
  } catch (e) {
    cleanup()
    throw e
  }
}

/** The head changes of the "new vendor, new cookie, new personal-data field" story. */
export const TRACKING_PR: Record<string, string> = {
  'src/lib/tracking.ts': [
    "import mixpanel from 'mixpanel-browser'",
    "import { cookies } from 'next/headers'",
    "import { z } from 'zod'",
    '',
    'export const referralSchema = z.object({',
    '  referrerEmail: z.string().email(),',
    '  taxId: z.string(),',
    '})',
    '',
    'export function initTracking(token: string) {',
    '  mixpanel.init(token)',
    '}',
    '',
    'export async function rememberReferrer(code: string) {',
    '  const jar = await cookies()',
    "  jar.set('ll_referrer', code, { httpOnly: true })",
    '}',
    '',
  ].join('\n'),
}

/** The demo shop's privacy.yml, extended to declare everything TRACKING_PR adds (the "drift fixed" push). */
export function declareTracking(): string {
  const original = readFileSync(join(DEMO_SHOP, 'privacy.yml'), 'utf8')
  return (
    original
      .replace('data:\n', 'data:\n  - category: user.government_id\n    purposes: [essential.service]\n')
      .replace(
        'cookies:\n',
        'cookies:\n  - name: ll_referrer\n    purpose: functional\n  - name: mp_*_mixpanel\n    purpose: analytics\n',
      ) + 'analytics:\n  - vendor: mixpanel\n    purpose: to understand how people use the product\n'
  )
}

/** A copy of an event payload with the placeholder SHAs replaced. */
export function eventFile(name: string, shas: { base: string; head: string }, dir: string): string {
  const text = readFileSync(join(EVENTS, name), 'utf8')
    .replaceAll('0000000000000000000000000000000000000000', shas.base)
    .replaceAll('1111111111111111111111111111111111111111', shas.head)
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

export interface Recorded {
  outputs: Record<string, string>
  secrets: string[]
  logs: { level: string; message: string; place?: AnnotationPlace }[]
  failed?: string
  summary: string[]
}

/** An ActionIO that records everything; inputs from a plain object. */
export function recordingIO(inputs: Record<string, string>): ActionIO & { rec: Recorded } {
  const rec: Recorded = { outputs: {}, secrets: [], logs: [], summary: [] }
  const log = (level: string) => (message: string, place?: AnnotationPlace) =>
    void rec.logs.push({ level, message, place })
  return {
    rec,
    getInput: (name) => (inputs[name] ?? '').trim(),
    setOutput: (name, value) => void (rec.outputs[name] = value),
    setSecret: (v) => void rec.secrets.push(v),
    info: log('info'),
    debug: log('debug'),
    warning: log('warning'),
    error: log('error'),
    notice: log('notice'),
    setFailed: (m) => void (rec.failed = m),
    appendSummary: async (md) => {
      rec.summary.push(md)
      return true
    },
  }
}
