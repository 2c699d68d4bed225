#!/usr/bin/env node
import { main } from './main.js'
import { cliExtensions } from './extensions.js'
import { capHeapGrowth } from '../util/heap-growth.js'

// Before any scan: V8's heap flags hold for the whole process and the scan's worker threads (perf13).
capHeapGrowth()

process.exitCode = await main(process.argv.slice(2), cliExtensions)
