/**
 * Node modules that only some runs need, loaded when first asked for.
 * node:child_process (git) pulls in net, dgram and the streams, node:crypto
 * its own dozen modules: compiled at every start, they cost milliseconds a
 * run that starts no process and fixes no file never uses.
 */
import { createRequire } from 'node:module'

const load = createRequire(import.meta.url)

let childProcessModule: typeof import('node:child_process') | undefined
let cryptoModule: typeof import('node:crypto') | undefined

export function childProcess(): typeof import('node:child_process') {
  return (childProcessModule ??= load('node:child_process') as typeof import('node:child_process'))
}

export function crypto(): typeof import('node:crypto') {
  return (cryptoModule ??= load('node:crypto') as typeof import('node:crypto'))
}
