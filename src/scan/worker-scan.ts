/**
 * The work of a scan worker thread (loaded by worker-entry.ts): builds the rules once, then scans the batches of files the pool sends it and returns
 * their FileFacts (plain data, so they cross the thread boundary by structured clone).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { RuleSet } from '../rules/ruleset.js'
import { loadRules } from '../rules/load.js'
import type { FileFacts } from './file-scan.js'
import { readAndScan } from './read-file.js'
import type { WorkerInit, WorkerRequest, WorkerResponse } from './workers.js'

const init = workerData as WorkerInit
const port = parentPort!
// The pool passes the validated rules; without them (a worker started by hand) they are loaded as usual.
const rules = init.rulesInput ? new RuleSet(init.rulesInput) : loadRules(init.rulesDirs, init.cwd)

port.on('message', (msg: WorkerRequest) => {
  const facts: FileFacts[] = []
  for (const path of msg.files) facts.push(readAndScan(init.root, path, rules, init.limits))
  port.postMessage({ batch: msg.batch, facts } satisfies WorkerResponse)
})
port.postMessage({ ready: true } satisfies WorkerResponse)
