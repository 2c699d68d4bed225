import { describe, expect, it } from 'vitest'
import { scanRepository } from '../../src/scan/scan-repository.js'
import { tempDir, writeFiles } from '../helpers/tmp.js'
import { rules } from './fixture.js'

/** `vendor → category @ path:line` for every flow of a repository written from `files`. */
async function flowsOf(files: Record<string, string>): Promise<string[]> {
  const root = tempDir()
  writeFiles(root, {
    'package.json': '{ "name": "app", "dependencies": { "stripe": "1", "debug": "4" } }',
    ...files,
  })
  const { inventory } = await scanRepository(root, { rules, minConfidence: 'medium' })
  return inventory.flows
    .flatMap((f) => f.evidence.map((e) => `${f.vendor} → ${f.category} @ ${e.path}:${e.line}`))
    .sort()
}

describe('loggers the app builds or names itself', () => {
  it('reads a function a logger module exports as the logger, even when the module builds it with its own factory', async () => {
    expect(
      await flowsOf({
        'src/logger/create.ts': [
          'export const createLogger = (name: string) => ({',
          '  info: (message: unknown, ...args: unknown[]) => process.stdout.write(`${name} ${String(message)}`),',
          '})',
        ].join('\n'),
        'src/logger/index.ts': [
          "import { createLogger } from './create'",
          "const logger = createLogger('app')",
          'export const log = logger.info',
        ].join('\n'),
        'src/users.ts': [
          "import { log } from './logger'",
          'export function created(params: { email: string; username: string }) {',
          "  log('mutation createUser', { email: params.email })",
          '}',
        ].join('\n'),
      }),
    ).toEqual(['logs → user.contact.email @ src/users.ts:3'])
  })

  it('follows a client kept in a property of the module’s own object, and a debug logger held in a local', async () => {
    expect(
      await flowsOf({
        'src/api.ts': [
          "import Stripe from 'stripe'",
          "import createDebug from 'debug'",
          "const clients = { stripe: new Stripe('sk'), name: 'billing' }",
          "const trace = createDebug('app:billing')",
          'export async function subscribe(customer: { email: string; name: string }) {',
          '  trace(`subscribing ${customer.name}`)',
          '  return clients.stripe.customers.create({ email: customer.email })',
          '}',
        ].join('\n'),
      }),
    ).toEqual(['logs → user.name @ src/api.ts:6', 'stripe → user.contact.email @ src/api.ts:7'])
  })
})
