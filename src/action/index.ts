import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { run } from './run.js'
import { capHeapGrowth } from '../util/heap-growth.js'

// Before the engine runs: V8's heap flags hold for the whole process and the scan's worker threads (perf13).
capHeapGrowth()

// Later steps that run the CLI get its `text` problems as annotations (the matcher sits beside dist/).
const matcher = fileURLToPath(new URL('../.github/privacy-drift-matcher.json', import.meta.url))
if (existsSync(matcher)) process.stdout.write(`::add-matcher::${matcher}\n`)

// The bundle entry (dist/index.js): run() reports every failure through core.setFailed and never throws.
await run()
