import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createPathFilter,
  discoverFiles,
  isDownloadedSchema,
  isGeneratedMigrationSql,
} from '../../src/scan/files.js'
import { loadRules } from '../../src/rules/load.js'

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pd-files-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

describe('discoverFiles', () => {
  it('skips tests, test helpers, installed dependencies (not a vendored module in src/), seed data, stories, build output, virtualenvs and ignored files, but reads committed env templates', () => {
    const root = repo({
      '.gitignore': '.env*\ngenerated/\n',
      '.env': 'STRIPE_SECRET_KEY=sk_live_x\n',
      '.env.example': 'STRIPE_SECRET_KEY=\n',
      '.env.local.example': 'OPENAI_API_KEY=\n',
      'src/app.ts': 'export {}\n',
      'src/app.test.ts': 'export {}\n',
      'src/users.e2e-spec.ts': 'export {}\n',
      'apps/web-client-e2e/src/support/commands.ts': 'export {}\n',
      'apps/site_e2e/login.ts': 'export {}\n',
      'apps/e2e-dashboard/src/main.ts': 'export {}\n',
      'src/Button.stories.tsx': 'export {}\n',
      'src/Button.cy.tsx': 'export {}\n',
      'packages/storybook/src/templates/email/fixtures.ts': 'export {}\n',
      'packages/storybook/package.json': '{}',
      'apps/web-e2e/src/support/commands.ts': 'export {}\n',
      'src/lib/storybook.ts': 'export {}\n',
      'src/flags/e2e-mode.ts': 'export {}\n',
      'generated/client.ts': 'export {}\n',
      'dist/index.js': 'export {}\n',
      '.venv/lib/site.js': 'export {}\n',
      'ios/Pods/x.js': 'export {}\n',
      'prisma/seed.ts': 'export {}\n',
      'packages/database/prisma/seed/data.ts': 'export {}\n',
      'db/seeds/users.ts': 'export {}\n',
      'packages/test-helpers/src/login.ts': 'export {}\n',
      'packages/testing/src/index.ts': 'export {}\n',
      'services/libs/test-kit/src/factories/member.ts': 'export {}\n',
      'src/kit/member.ts': 'export {}\n',
      'src/test-utils.tsx': 'export {}\n',
      'server/routes/testutils/testData.ts': 'export {}\n',
      'src/recommendations/test_utils/render.tsx': 'export {}\n',
      'src/util/testData.js': 'export {}\n',
      'src/util/testDataset.ts': 'export {}\n',
      'src/user.fixture.ts': 'export {}\n',
      'apps/web/playwright.config.ts': 'export {}\n',
      'src/seedling.ts': 'export {}\n',
      'scripts/seed-demo/actors.ts': 'export {}\n',
      'src/db/seedSiteData.ts': 'export {}\n',
      'src/db/seeded.ts': 'export {}\n',
      'src/wallet/seedPhrase.tsx': 'export {}\n',
      'src/demo-data/users.ts': 'export {}\n',
      'src/lib/data/mockProfileData.ts': 'export {}\n',
      'src/lib/data/mockData.ts': 'export {}\n',
      'src/lib/data/mockable.ts': 'export {}\n',
      'src/lib/data/mockHeaders.ts': 'export {}\n',
      'server/deploy/integration-tests/stress.mjs': 'export {}\n',
      'server/integration.ts': 'export {}\n',
      'server/scripts/prepareTestDb.ts': 'export {}\n',
      'scripts/fetchLatest.ts': 'export {}\n',
      'vendor/autoload.php': '<?php\n',
      'apps/api/vendor/bundle/gems/x.rb': '\n',
      'web/src/lib/vendor/map-layers/layers.ts': 'export {}\n',
      'web/src/lib/vendor/map-layers/layers.test.ts': 'export {}\n',
      'README.md': '# uses posthog\n',
      'prisma/schema.prisma': 'model User { email String }\n',
      'package.json': '{}',
    })
    // Made-up data folders and files are the rules' excludes (rules/packages/repository-roles.yaml).
    const ruleExcludes = loadRules().repositoryRoles.excludes
    expect(discoverFiles(root, { ruleExcludes }).files).toEqual([
      '.env.example',
      '.env.local.example',
      'apps/e2e-dashboard/src/main.ts',
      'package.json',
      'prisma/schema.prisma',
      'scripts/fetchLatest.ts',
      'server/integration.ts',
      'src/app.ts',
      'src/db/seeded.ts',
      'src/flags/e2e-mode.ts',
      'src/kit/member.ts',
      'src/lib/data/mockHeaders.ts',
      'src/lib/data/mockable.ts',
      'src/lib/storybook.ts',
      'src/seedling.ts',
      'src/util/testDataset.ts',
      'src/wallet/seedPhrase.tsx',
      'web/src/lib/vendor/map-layers/layers.ts',
    ])
  })

  it("leaves out a package copied whole into a served folder (its own package.json), not the app's scripts there", () => {
    const root = repo({
      'src/public/tinymce/package.json': '{ "name": "tinymce" }\n',
      'src/public/tinymce/tinymce.js': 'export const userAgent = navigator.userAgent\n',
      'src/public/tinymce/plugins/link/plugin.js': 'export {}\n',
      'src/public/js/analytics.js': 'export {}\n',
      'static/colorbrewer/package.json': '{ "name": "colorbrewer" }\n',
      'static/colorbrewer/colorbrewer.js': 'export {}\n',
      'packages/ui/package.json': '{ "name": "@app/ui" }\n',
      'packages/ui/src/button.ts': 'export {}\n',
    })
    expect(discoverFiles(root).files).toEqual([
      'packages/ui/package.json',
      'packages/ui/src/button.ts',
      'src/public/js/analytics.js',
    ])
    expect(discoverFiles(root, { include: ['src/public/tinymce/**'] }).files).toContain(
      'src/public/tinymce/tinymce.js',
    )
    expect(discoverFiles(root, { noDefaultExcludes: true }).files).toContain(
      'static/colorbrewer/colorbrewer.js',
    )
  })

  it('lets an explicit include win over the default excludes', () => {
    const allowed = createPathFilter({ include: ['**/*.test.ts'] })
    expect(allowed('src/app.test.ts', false)).toBe(true)
    expect(allowed('src', true)).toBe(true)
    expect(createPathFilter({})('src/app.test.ts', false)).toBe(false)
    expect(createPathFilter({ noDefaultExcludes: true })('src/app.test.ts', false)).toBe(true)
  })

  it('leaves out the SQL of migrations a schema tool generated (Prisma Migrate, drizzle-kit), not hand-written SQL', () => {
    const root = repo({
      'prisma/schema.prisma': 'model User { id String @id }\n',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20221011_init/migration.sql': 'CREATE TABLE "User" ("firstName" TEXT);\n',
      'db/drizzle/meta/_journal.json': '{}\n',
      'db/drizzle/0000_init.sql': 'CREATE TABLE users (email text);\n',
      'db/drizzle-v1/20260101_init/migration.sql': 'CREATE TABLE users (email text);\n',
      'db/drizzle-v1/20260101_init/snapshot.json': '{}\n',
      'supabase/migrations/20240730_initial.sql': 'CREATE TABLE profiles (full_name text);\n',
      'db/migrations/001_users.sql': 'CREATE TABLE users (email text);\n',
    })
    expect(discoverFiles(root).files.filter((f) => f.endsWith('.sql'))).toEqual([
      'db/migrations/001_users.sql',
      'supabase/migrations/20240730_initial.sql',
    ])
    expect(isGeneratedMigrationSql(root, 'prisma/migrations/20221011_init/migration.sql')).toBe(true)
    expect(isGeneratedMigrationSql(root, 'db/drizzle/0000_init.sql')).toBe(true)
    expect(isGeneratedMigrationSql(root, 'supabase/migrations/20240730_initial.sql')).toBe(false)
    expect(
      discoverFiles(root, { noDefaultExcludes: true }).files.filter((f) => f.endsWith('.sql')),
    ).toHaveLength(5)
  })

  it("leaves out the GraphQL schema a package's script downloads from another service's URL, not the app's own SDL", () => {
    const root = repo({
      'packages/gh/package.json': JSON.stringify({
        scripts: {
          'update-schema': 'gql-tada generate schema https://api.example.com/graphql',
          build: 'tsup',
        },
      }),
      'packages/gh/schema.graphql': 'type Person { email: String }\n',
      'packages/gh/src/queries.graphql': 'query Me { viewer { login } }\n',
      'packages/shop/package.json': JSON.stringify({
        scripts: { schema: 'get-graphql-schema https://shop.example.com/graphql > src/shop.graphql' },
      }),
      'packages/shop/src/shop.graphql': 'type Customer { email: String }\n',
      'packages/shop/src/own.graphql': 'type Member { email: String }\n',
      'packages/shop/inner/package.json': JSON.stringify({ scripts: { build: 'tsc' } }),
      'packages/shop/inner/schema.graphql': 'type Member { email: String }\n',
      'packages/api/package.json': JSON.stringify({ scripts: { docs: 'open https://example.com && tsc' } }),
      'packages/api/schema.graphql': 'type User { email: String }\n',
    })
    expect(discoverFiles(root).files.filter((f) => f.endsWith('.graphql'))).toEqual([
      'packages/api/schema.graphql',
      'packages/shop/inner/schema.graphql',
      'packages/shop/src/own.graphql',
    ])
    expect(isDownloadedSchema(root, 'packages/gh/schema.graphql')).toBe(true)
    expect(isDownloadedSchema(root, 'packages/shop/src/shop.graphql')).toBe(true)
    expect(isDownloadedSchema(root, 'packages/shop/src/own.graphql')).toBe(false)
    expect(isDownloadedSchema(root, 'packages/shop/inner/schema.graphql')).toBe(false)
    expect(isDownloadedSchema(root, 'packages/api/schema.graphql')).toBe(false)
  })

  it('leaves out a folder beside a Prisma schema whose files are named after its models (generated), not a feature folder', () => {
    const root = repo({
      'prisma/schema.prisma':
        'generator zod {\n  provider = "zod-prisma"\n}\nmodel User {\n  email String\n}\nmodel Account {\n  id String @id\n}\nmodel Session {\n  id String @id\n}\n',
      'prisma/zod/index.ts': 'export * from "./user"\n',
      'prisma/zod/user.ts': 'export const UserModel = z.object({ email: z.string() })\n',
      'prisma/zod/account.ts': 'export const AccountModel = z.object({})\n',
      'prisma/zod/session.ts': 'export const SessionModel = z.object({})\n',
      'prisma/helpers/user.ts': 'export const fullName = (u) => u.name\n',
      'prisma/helpers/account.ts': 'export {}\n',
      'prisma/helpers/mailer.ts': 'export {}\n',
      'prisma/helpers/billing.ts': 'export {}\n',
      'src/models/user.ts': 'export {}\n',
      'src/models/account.ts': 'export {}\n',
      'src/models/session.ts': 'export {}\n',
    })
    const files = discoverFiles(root).files
    expect(files.filter((f) => f.startsWith('prisma/zod/'))).toEqual([])
    // Half the helpers are named after features: written by hand. A models folder away from the schema is the app's.
    expect(files).toContain('prisma/helpers/user.ts')
    expect(files).toContain('src/models/session.ts')
    expect(discoverFiles(root, { include: ['prisma/zod/**'] }).files).toContain('prisma/zod/user.ts')
  })
})
