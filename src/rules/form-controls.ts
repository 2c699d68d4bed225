import { z } from 'zod'

const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/)

/** A file and its code, and a field name the example's rule must (or must not) make a data field of. */
const codeFieldExampleSchema = z
  .object({ file: z.string().min(1), code: z.string().min(1), field: z.string().min(1) })
  .strict()

/** A rule file's examples of code: fields it must yield (positive) and must not (negative). */
export const codeFieldExamplesSchema = z
  .object({
    positive: z.array(codeFieldExampleSchema).min(1),
    negative: z.array(codeFieldExampleSchema).min(1),
  })
  .strict()

/**
 * Form libraries that name their controls in code or in a template (rules/requests/form-controls.yaml): Angular
 * `fb.group({ email: [''] })`, `new FormGroup({ email: new FormControl() })`, `formControlName="email"`. A control is
 * an input's name: the personal-data classifier decides what it is.
 */
export const formControlsSchema = z
  .object({
    kind: z.literal('form-controls'),
    description: z.string().optional(),
    libraries: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
            name: z.string().min(1),
            /** Modules a file imports the library from; group calls count only in such a file. */
            modules: z.array(z.string().min(1)).min(1),
            /** Classes whose first argument is an object of named controls (`new FormGroup({...})`). */
            group_classes: z.array(identifier).default([]),
            /** Builder methods whose first argument is an object of named controls (`fb.group({...})`). */
            group_methods: z.array(identifier).default([]),
            /** Methods whose first argument is one control's name (`form.addControl('email', …)`). */
            control_methods: z.array(identifier).default([]),
            /** Template attributes whose value names the control an element binds (`formControlName="email"`). */
            template_attributes: z.array(z.string().regex(/^[\w[\]()*.-]+$/)).default([]),
          })
          .strict(),
      )
      .min(1),
    examples: codeFieldExamplesSchema,
  })
  .strict()

export type FormControlsFile = z.infer<typeof formControlsSchema>

/** The form-control shapes of every library, merged for the detectors. */
export class FormControlIndex {
  readonly modules = new Set<string>()
  readonly groupClasses = new Set<string>()
  readonly groupMethods = new Set<string>()
  readonly controlMethods = new Set<string>()
  /** Matches a template attribute naming a control, its value in group 1; undefined when no library names one. */
  readonly templateAttribute: RegExp | undefined

  constructor(files: readonly FormControlsFile[] = []) {
    const attributes: string[] = []
    for (const f of files)
      for (const lib of f.libraries) {
        for (const m of lib.modules) this.modules.add(m)
        for (const c of lib.group_classes) this.groupClasses.add(c)
        for (const m of lib.group_methods) this.groupMethods.add(m)
        for (const m of lib.control_methods) this.controlMethods.add(m)
        attributes.push(...lib.template_attributes)
      }
    const escaped = attributes.map((a) => a.replace(/[[\]().*]/g, '\\$&'))
    this.templateAttribute = escaped.length
      ? new RegExp(`(?:^|\\s)(?:${escaped.join('|')})\\s*=\\s*["']\\s*([\\w$.]+)\\s*["']`)
      : undefined
  }
}
