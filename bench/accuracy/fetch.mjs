#!/usr/bin/env node
// Checks out every real repository of the accuracy benchmark at its pinned commit:
//   node bench/accuracy/fetch.mjs ROOT [--truth-dir DIR] [name …]
// ROOT/<name> gets a shallow clone of the truth file's `repo` at `commit` (an existing checkout at that commit is left
// alone). The truth files are bench/accuracy/*.yml, or those in DIR (e.g. bench/accuracy/heldout for the held-out set).
// Needs git and network access to github.com; the CI does not run it. Then:
//   npm run accuracy -- --all-real ROOT [--truth-dir DIR]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const dirFlag = args.indexOf('--truth-dir')
const truthDir = dirFlag === -1 ? here : resolve(args[dirFlag + 1] ?? '')
if (dirFlag !== -1) args.splice(dirFlag, 2)
const [root, ...only] = args
if (!root || (dirFlag !== -1 && !existsSync(truthDir))) {
  process.stderr.write('usage: node bench/accuracy/fetch.mjs ROOT [--truth-dir DIR] [name …]\n')
  process.exit(2)
}

const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()

const truths = readdirSync(truthDir)
  .filter((n) => n.endsWith('.yml'))
  .sort()
  .map((n) => parse(readFileSync(join(truthDir, n), 'utf8')))
  .filter((t) => only.length === 0 || only.includes(t.name))

let failed = 0
for (const { name, repo, commit } of truths) {
  const dir = resolve(root, name)
  try {
    if (existsSync(join(dir, '.git'))) {
      if (git(dir, 'rev-parse', 'HEAD') === commit) {
        process.stdout.write(`${name}: already at ${commit.slice(0, 12)}\n`)
        continue
      }
    } else {
      mkdirSync(dir, { recursive: true })
      git(dir, 'init', '--quiet')
      git(dir, 'remote', 'add', 'origin', repo)
    }
    // GitHub serves any reachable commit by id, so one shallow fetch is enough.
    git(dir, 'fetch', '--quiet', '--depth', '1', 'origin', commit)
    git(dir, 'checkout', '--quiet', '--detach', commit)
    process.stdout.write(`${name}: ${repo} @ ${commit.slice(0, 12)}\n`)
  } catch (error) {
    failed++
    process.stderr.write(`${name}: could not check out ${repo} @ ${commit}: ${error.message}\n`)
  }
}
process.exitCode = failed === 0 ? 0 : 1
