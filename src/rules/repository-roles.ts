import { z } from 'zod'

/** A small repository (path → code) and the file whose role it asks about. */
const roleExampleSchema = z
  .object({
    files: z.record(z.string(), z.string()),
    path: z.string().min(1),
    /** The role the file has (positive); a negative example's file is the product's. */
    role: z.enum(['test', 'tooling', 'docs-site', 'generated']).optional(),
  })
  .strict()

/** Names of one kind (folders, packages) and the repositories that show what they decide. */
const namedListSchema = <T extends z.ZodType<string>>(name: T) =>
  z
    .object({
      names: z.array(name).min(1),
      /**
       * Each example's file has its `role` (none: the product's). Positive: the list's names decide it (a tooling
       * folder makes a file tooling, an app framework keeps a package in one). Negative: the near miss they leave.
       */
      examples: z
        .object({ positive: z.array(roleExampleSchema).min(1), negative: z.array(roleExampleSchema).min(1) })
        .strict(),
    })
    .strict()
const folderName = z.string().regex(/^[^/]+$/, 'one folder name')

/** A path and what the made-up-data lists do to it: not listed, scanned at low confidence, or neither (negative). */
const madeUpExampleSchema = z
  .object({ path: z.string().min(1), effect: z.enum(['excluded', 'lowered']).optional() })
  .strict()

/** Mock, fake and dummy data: folders and files never listed, and the words of modules scanned at low confidence. */
const madeUpDataSchema = z
  .object({
    /** Words that say the records are made up (`mock`, `fake`). */
    words: z.array(z.string().regex(/^[a-z]+$/)).min(1),
    /** Words after them that say the module holds records (`data`, `users`), not a helper (`mockHeaders`). */
    record_heads: z.array(z.string().regex(/^[a-z]+$/)).min(1),
    /** Default-exclude globs: such folders and files are not listed. */
    excluded: z.array(z.string().min(1)).min(1),
    examples: z
      .object({ positive: z.array(madeUpExampleSchema).min(2), negative: z.array(madeUpExampleSchema).min(2) })
      .strict(),
  })
  .strict()

/** Third-party declarations: library type definitions a tool installs into the repository (`flow-typed/`). */
const declarationsSchema = z
  .object({
    /** Default-exclude globs: such folders and files are not listed. */
    excluded: z.array(z.string().min(1)).min(1),
    examples: z
      .object({ positive: z.array(madeUpExampleSchema).min(2), negative: z.array(madeUpExampleSchema).min(2) })
      .strict(),
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
    /** Interactive prompt libraries: a package beside the app that asks its runner questions sets the product up. */
    setup_prompt_libraries: z.array(z.string().min(1)).optional(),
    /** Folders of developer tooling when they sit at the top of a package or of the repository (`scripts`). */
    tooling_folders: namedListSchema(folderName).optional(),
    /** Package folders that hold a documentation site (`docs`). */
    docs_folders: namedListSchema(folderName).optional(),
    /** Dot-folders that are part of what the app serves (`.well-known`); other dot-folders are tooling. */
    served_dot_folders: namedListSchema(folderName).optional(),
    /** Dependencies that make a package a runnable application, kept even in a tooling folder (`next`, `@nestjs/core`). */
    app_frameworks: namedListSchema(z.string().min(1)).optional(),
    /** Mock, fake and dummy data modules: made-up people. */
    made_up_data: madeUpDataSchema.optional(),
    /** Library definitions installed beside the app: their fields describe the library's API, not the app's data. */
    third_party_declarations: declarationsSchema.optional(),
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
  readonly setupPromptLibraries: ReadonlySet<string>
  readonly toolingFolders: ReadonlySet<string>
  readonly docsFolders: ReadonlySet<string>
  readonly servedDotFolders: ReadonlySet<string>
  readonly appFrameworks: ReadonlySet<string>
  /**
   * Every default-exclude glob the rules add: made-up data (`mock-data/`, `mockProfileData.ts`) and third-party
   * declarations (`flow-typed/`).
   */
  readonly excludes: readonly string[]
  private readonly madeUpModule: RegExp | undefined

  constructor(files: readonly RepositoryRolesFile[] = []) {
    this.testLibraries = new Set(files.flatMap((f) => f.test_libraries))
    this.sourceRoots = new Set(files.flatMap((f) => f.source_roots))
    this.setupPromptLibraries = new Set(files.flatMap((f) => f.setup_prompt_libraries ?? []))
    this.toolingFolders = new Set(files.flatMap((f) => f.tooling_folders?.names ?? []))
    this.docsFolders = new Set(files.flatMap((f) => f.docs_folders?.names ?? []))
    this.servedDotFolders = new Set(files.flatMap((f) => f.served_dot_folders?.names ?? []))
    this.appFrameworks = new Set(files.flatMap((f) => f.app_frameworks?.names ?? []))
    const madeUp = files.flatMap((f) => (f.made_up_data ? [f.made_up_data] : []))
    this.excludes = [
      ...madeUp.flatMap((m) => m.excluded),
      ...files.flatMap((f) => f.third_party_declarations?.excluded ?? []),
    ]
    const words = madeUp.flatMap((m) => m.words).join('|')
    const heads = madeUp.flatMap((m) => m.record_heads)
    const camelHeads = heads.map((h) => h[0]!.toUpperCase() + h.slice(1)).join('|')
    // A folder or file named `<word>[MoreWords]<Head>` or `<word>-<head>`, or `<word>.<what>.<ext>`.
    this.madeUpModule =
      words === ''
        ? undefined
        : new RegExp(
            `(^|/)(?:${words})(?:[A-Z]\\w*)?(?:${camelHeads}|[-_](?:${heads.join('|')}))(/|\\.[cm]?[jt]sx?$)` +
              `|(^|/)(?:${words})\\.[\\w-]+\\.[cm]?[jt]sx?$`,
          )
  }

  /** Whether a path is a module of made-up records, scanned at low confidence. */
  madeUpData(path: string): boolean {
    return this.madeUpModule?.test(path) ?? false
  }
}
