import { z } from 'zod'

/** A small repository (path → code) and the file whose role it asks about. */
const roleExampleSchema = z
  .object({
    files: z.record(z.string(), z.string()),
    path: z.string().min(1),
    /** The role the file has (positive); a negative example's file is the product's. */
    role: z.enum(['test', 'tooling']).optional(),
  })
  .strict()

/**
 * What says a part of a repository is not the product (rules/packages/repository-roles.yaml), read by `roles.ts`:
 * packages only tests import, and the source-root folder names a package.json script may run a file from without
 * making its folder a folder of scripts.
 */
export const repositoryRolesSchema = z
  .object({
    kind: z.literal('repository-roles'),
    description: z.string().optional(),
    /** Packages only tests import: a file that imports one at run time is a test whatever its name. */
    test_libraries: z.array(z.string().min(1)).min(1),
    /** A package's source roots (`src`, `lib`): a script there sits among the app's own modules. */
    source_roots: z.array(z.string().regex(/^[^/]+$/)).min(1),
    /** Positive: the file has `role`. Negative: the file is the product's. */
    examples: z
      .object({ positive: z.array(roleExampleSchema).min(1), negative: z.array(roleExampleSchema).min(1) })
      .strict(),
  })
  .strict()

export type RepositoryRolesFile = z.infer<typeof repositoryRolesSchema>

/** The repository-role lists of every rule file, merged. */
export class RepositoryRoles {
  readonly testLibraries: ReadonlySet<string>
  readonly sourceRoots: ReadonlySet<string>

  constructor(files: readonly RepositoryRolesFile[] = []) {
    this.testLibraries = new Set(files.flatMap((f) => f.test_libraries))
    this.sourceRoots = new Set(files.flatMap((f) => f.source_roots))
  }
}
