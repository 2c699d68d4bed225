import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main, type CliExtensions } from '../../src/cli/main.js'
import { loadRules } from '../../src/rules/load.js'
import { discoverFiles } from '../../src/scan/files.js'
import { scanRepository } from '../../src/scan/scan-repository.js'
import { filesOfShard, parseShard, shardOfPath } from '../../src/scan/shard.js'
import { runCli } from '../helpers/cli.js'
import { git, initAndCommit } from '../helpers/git.js'
import { copyFixture, tempDir } from '../helpers/tmp.js'

const DEMO = 'fixtures/demo-shop'
const FIXTURES = [
  DEMO,
  'fixtures/accuracy/monorepo',
  'fixtures/accuracy/nextjs-app-router',
  'fixtures/accuracy/nestjs-typeorm',
  'fixtures/accuracy/express-templates',
]

/** Writes the N shard files of `dir` and returns their paths. */
async function shardFiles(dir: string, n: number, extra: string[] = []): Promise<string[]> {
  const out = tempDir('pd-shards-')
  const paths: string[] = []
  for (let k = 1; k <= n; k++) {
    const path = join(out, `shard-${k}.json`)
    const r = await runCli(['scan', dir, '--shard', `${k}/${n}`, '--output', path, '--no-progress', ...extra])
    expect(r.code, r.stderr).toBe(0)
    paths.push(path)
  }
  return paths
}

describe('shards', () => {
  it('every file is in exactly one shard, by its path alone', () => {
    const files = discoverFiles(DEMO).files
    for (const n of [1, 2, 3, 7]) {
      const parts = Array.from({ length: n }, (_, i) => filesOfShard(files, { index: i + 1, count: n }))
      expect(parts.flat().sort()).toEqual(files)
      // The shard of a file does not depend on the other files or their order.
      for (const f of files) expect(filesOfShard([f], { index: shardOfPath(f, n), count: n })).toEqual([f])
    }
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1'])
      expect(() => parseShard(bad)).toThrow(/expected K\/N/)
  })

  it('the demo splits a cookie set with an imported name from the name itself (linking crosses shards)', () => {
    expect(shardOfPath('src/lib/session.ts', 2)).not.toBe(shardOfPath('src/lib/cookies.ts', 2))
  })

  for (const dir of FIXTURES)
    it(`merge of N shards == one scan, byte for byte (json): ${dir}`, async () => {
      const one = await runCli(['scan', dir, '--format', 'json'])
      expect(one.code).toBe(0)
      for (const n of [1, 2, 3]) {
        const paths = await shardFiles(dir, n)
        if (n > 1) {
          // Every shard scanned some files: the test joins real partial facts, not one full shard and empty ones.
          const sizes = paths.map(
            (p) => (JSON.parse(readFileSync(p, 'utf8')) as { facts: unknown[] }).facts.length,
          )
          expect(sizes.filter((s) => s > 0).length, `${dir} ${n} shards: ${sizes}`).toBeGreaterThan(1)
        }
        const merged = await runCli(['merge', ...paths.reverse(), '--dir', dir, '--format', 'json'])
        expect(merged.code, merged.stderr).toBe(0)
        expect(merged.stdout).toBe(one.stdout)
      }
    })

  it('every report format of the merge is the one scan gives', async () => {
    const paths = await shardFiles(DEMO, 3)
    for (const format of ['text', 'markdown', 'sarif', 'html', 'cyclonedx', 'fides', 'ropa']) {
      const one = await runCli(['scan', DEMO, '--format', format, '--no-color'])
      const merged = await runCli(['merge', ...paths, '--dir', DEMO, '--format', format, '--no-color'])
      expect(merged.code, merged.stderr).toBe(0)
      expect(merged.stdout, format).toBe(one.stdout)
    }
  })

  it('merge --check == check, exit code included, also for a PR check (--base)', async () => {
    const dir = copyFixture(DEMO)
    const base = initAndCommit(dir)
    writeFileSync(
      join(dir, 'src/lib/track.ts'),
      "import mixpanel from 'mixpanel-browser'\nexport const track = (e: string) => mixpanel.track(e)\n",
    )
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'head')
    for (const extra of [[], ['--base', base]]) {
      for (const format of ['json', 'markdown']) {
        const one = await runCli(['check', dir, '--format', format, ...extra])
        const paths = await shardFiles(dir, 2)
        const merged = await runCli([
          'merge',
          ...paths,
          '--check',
          '--dir',
          dir,
          '--format',
          format,
          ...extra,
        ])
        expect(merged.stderr).toBe(one.stderr)
        expect(merged.code).toBe(one.code)
        expect(merged.stdout).toBe(one.stdout)
      }
    }
    const report = JSON.parse((await runCli(['check', dir, '--format', 'json', '--base', base])).stdout)
    expect(report.drift.new.map((i: { key: string }) => i.key)).toContain('mixpanel')
  })

  it('merge --check --pr hands the merged facts to the PR comment of `check --pr` (nothing scanned again)', async () => {
    const paths = await shardFiles(DEMO, 3)
    const calls: Parameters<NonNullable<CliExtensions['prCheck']>>[0][] = []
    const code = await main(['merge', ...paths, '--check', '--dir', DEMO, '--pr', 'acme/shop#7', '--post'], {
      prCheck: async (args) => (calls.push(args), 1),
    })
    expect(code).toBe(1)
    expect(calls).toHaveLength(1)
    const { engine, ...rest } = calls[0]!
    expect(rest).toMatchObject({ pr: 'acme/shop#7', post: true, reviewComments: true, failOn: 'new' })
    const rules = loadRules([])
    const single = await scanRepository(DEMO, { rules, workers: 0 })
    expect(JSON.stringify(engine.scanned?.facts)).toBe(JSON.stringify(single.facts))
    expect((await runCli(['merge', ...paths, '--pr', 'acme/shop#7'])).stderr).toContain('go with --check')
  })

  it('refuses an incomplete, duplicated, mixed or foreign set of shards, saying which file', async () => {
    const two = await shardFiles(DEMO, 2)
    const three = await shardFiles(DEMO, 3)
    const missing = await runCli(['merge', two[0]!, '--dir', DEMO])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('shard 2/2 missing')
    const twice = await runCli(['merge', two[0]!, two[0]!, two[1]!, '--dir', DEMO])
    expect(twice.stderr).toMatch(/shard 1\/2 is given twice/)
    const mixed = await runCli(['merge', two[0]!, three[1]!, '--dir', DEMO])
    expect(mixed.stderr).toContain(`${three[1]}: shard 2/3, but ${two[0]} is one of 2`)
    const other = await shardFiles(DEMO, 2, ['--min-confidence', 'low'])
    const settings = await runCli(['merge', two[0]!, other[1]!, '--dir', DEMO])
    expect(settings.stderr).toContain(`${other[1]}: scanned with other settings`)
    const report = join(tempDir(), 'report.json')
    await runCli(['scan', DEMO, '--format', 'json', '--output', report])
    const foreign = await runCli(['merge', report, '--dir', DEMO])
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toContain(
      `${report}: not a shard file written by \`privacy-drift scan --shard K/N\``,
    )
    // The shards saw privacy.yml; merging elsewhere would render another report.
    const elsewhere = await runCli(['merge', ...two, '--dir', tempDir()])
    expect(elsewhere.stderr).toContain('is not the privacy.yml the shards were scanned with')
  })
})
