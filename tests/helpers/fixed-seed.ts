import fc from 'fast-check'

// Property tests draw the same inputs on every run, so a run's outcome never depends on luck; FC_SEED=<number>
// explores other inputs (a failure prints the seed and path that reproduce it).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_205) })
