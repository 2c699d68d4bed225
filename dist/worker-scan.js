import { createRequire as __pdCreateRequire } from 'node:module';
import { fileURLToPath as __pdFileURLToPath } from 'node:url';
import { dirname as __pdDirname } from 'node:path';
const require = __pdCreateRequire(import.meta.url);
const __filename = __pdFileURLToPath(import.meta.url);
const __dirname = __pdDirname(__filename);
import {
  RuleSet,
  loadRules,
  readAndScan
} from "./shared_engine_worker-scan.js";
import "./shared_engine_index_worker-scan.js";

// src/scan/worker-scan.ts
import { parentPort, workerData } from "node:worker_threads";
var init = workerData;
var port = parentPort;
var rules = init.rulesInput ? new RuleSet(init.rulesInput) : loadRules(init.rulesDirs, init.cwd);
port.on("message", (msg) => {
  const facts = [];
  for (const path of msg.files) facts.push(readAndScan(init.root, path, rules, init.limits));
  port.postMessage({ batch: msg.batch, facts });
});
port.postMessage({ ready: true });
