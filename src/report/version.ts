import pkg from '../../package.json' with { type: 'json' }

/** The tool's name and version, as reports print them. */
export const TOOL = { name: 'privacy-drift', version: pkg.version } as const
