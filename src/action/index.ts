import { run } from './run.js'

// The bundle entry (dist/index.js): run() reports every failure through core.setFailed and never throws.
await run()
