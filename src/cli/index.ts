#!/usr/bin/env node
import { main } from './main.js'
import { cliExtensions } from './extensions.js'
import { capJitTier } from '../util/jit-tier.js'

// Before any scan: V8's flags hold for the whole process and the scan's worker threads (perf12).
capJitTier()

process.exitCode = await main(process.argv.slice(2), cliExtensions)
