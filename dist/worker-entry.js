import { createRequire as __pdCreateRequire } from 'node:module';
import { fileURLToPath as __pdFileURLToPath } from 'node:url';
import { dirname as __pdDirname } from 'node:path';
const require = __pdCreateRequire(import.meta.url);
const __filename = __pdFileURLToPath(import.meta.url);
const __dirname = __pdDirname(__filename);

// src/scan/worker-entry.ts
import { existsSync } from "node:fs";
import module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
var cache = module;
var dir = process.env.NODE_COMPILE_CACHE || join(tmpdir(), "node-compile-cache");
var useCache = cache.enableCompileCache !== void 0 && (!process.env.CI || existsSync(dir));
try {
  if (useCache) cache.enableCompileCache(dir);
} catch {
}
await import("./worker-scan.js");
try {
  if (useCache) cache.flushCompileCache?.();
} catch {
}
