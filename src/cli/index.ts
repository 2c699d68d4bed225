#!/usr/bin/env node
import { main } from './main.js'
import { cliExtensions } from './extensions.js'

process.exitCode = await main(process.argv.slice(2), cliExtensions)
