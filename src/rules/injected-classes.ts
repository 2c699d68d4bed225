import { z } from 'zod'
import { codeFieldExamplesSchema } from './form-controls.js'

const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/)

/**
 * Dependency-injection frameworks (rules/packages/dependency-injection.yaml): a class one of their decorators marks is
 * built by the framework, which hands its constructor the services it names by type (`constructor(private location:
 * Location)` in an Angular `@Component` is the router's URL service), so such a parameter is not data.
 */
export const dependencyInjectionSchema = z
  .object({
    kind: z.literal('dependency-injection'),
    description: z.string().optional(),
    frameworks: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
            name: z.string().min(1),
            /** Class decorators that make the framework build the class and inject its constructor's parameters. */
            class_decorators: z.array(identifier).min(1),
            /** Functions that return the service their argument names (`inject(HttpClient)` from `@angular/core`). */
            inject_functions: z.array(z.object({ module: z.string().min(1), name: identifier }).strict()).optional(),
          })
          .strict(),
      )
      .min(1),
    /** Positive: the parameter is an injected service (no field). Negative: the parameter is a data field. */
    examples: codeFieldExamplesSchema,
  })
  .strict()

export type DependencyInjectionFile = z.infer<typeof dependencyInjectionSchema>

/** The class decorators of every dependency-injection framework, merged for the class-fields detector. */
export class InjectedClasses {
  private readonly decorators = new Set<string>()
  private readonly injectFunctions = new Set<string>()

  constructor(files: readonly DependencyInjectionFile[] = []) {
    for (const f of files)
      for (const fw of f.frameworks) {
        for (const d of fw.class_decorators) this.decorators.add(d)
        for (const fn of fw.inject_functions ?? []) this.injectFunctions.add(`${fn.module}\0${fn.name}`)
      }
  }

  /** True when the export `name` of `module` returns the service its argument names (`inject(HttpClient)`). */
  isInjectFunction(module: string, name: string): boolean {
    return this.injectFunctions.has(`${module}\0${name}`)
  }

  /** True when a class decorator of this name makes a framework inject the class's constructor parameters. */
  injects(decorator: string): boolean {
    return this.decorators.has(decorator)
  }
}
