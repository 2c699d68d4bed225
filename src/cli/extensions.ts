import type { CliExtensions } from './main.js'

/** The parts of the CLI that live outside the core: GitHub PR mode, manifest fixes, policy commands. */
export const cliExtensions: CliExtensions = {}
