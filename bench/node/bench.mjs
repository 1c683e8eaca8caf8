// The Node package against what a Node developer would use instead, measured in one run:
//   1. a license check round trip through the addon vs the built-in fetch on the same endpoint
//      of the same (release) test server, sequential and 8 in flight;
//   2. hardwareId() warm vs node-machine-id's machineIdSync() warm;
//   3. require + first hardwareId() in a fresh process vs require + first machineIdSync()
//      (21 processes each, alternating; median and best).
// node-machine-id is npm-installed into a temporary directory, never into the repository.
//
//   node bench/node/bench.mjs   (make bench-node first builds the release addon and server)
// The package is measured as npm installs it: a copy with the stripped release addon, under a
// temporary directory, loaded by name.
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'

const root = path.resolve(import.meta.dirname, '..', '..')
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target')
const work = process.env.LICENSEKIT_BENCH_DIR ?? path.join(tmpdir(), 'licensekit-node-bench')
mkdirSync(work, { recursive: true })

// ---- the package under test, installed as npm would install it -------------------------
// A copy of the package with the release addon, stripped as `npm run build` ships it.
const packageDir = path.join(root, 'bindings-node')
const installed = path.join(work, 'installed')
const installedPackage = path.join(installed, 'node_modules', 'licensekit')
rmSync(installedPackage, { recursive: true, force: true })
mkdirSync(path.join(installedPackage, 'lib'), { recursive: true })
for (const file of ['package.json', 'index.js', 'index.d.ts']) copyFileSync(path.join(packageDir, file), path.join(installedPackage, file))
for (const file of readdirSync(path.join(packageDir, 'lib'))) copyFileSync(path.join(packageDir, 'lib', file), path.join(installedPackage, 'lib', file))
const addon = path.join(installedPackage, 'licensekit.linux-x64-gnu.node')
copyFileSync(path.join(targetDir, 'release', 'liblicensekit_node.so'), addon)
let addonKind = 'release, stripped'
try {
  execFileSync('strip', [addon])
} catch {
  addonKind = 'release, not stripped (no strip here)'
}
const { FaxStoreClient, hardwareId } = createRequire(path.join(installed, 'x.js'))('licensekit')

// ---- the peer --------------------------------------------------------------------------
const peerDir = path.join(work, 'peer')
if (!existsSync(path.join(peerDir, 'node_modules', 'node-machine-id'))) {
  execFileSync('npm', ['install', '--prefix', peerDir, '--no-audit', '--no-fund', '--silent', 'node-machine-id@1.1.12'], {
    stdio: 'inherit',
  })
}
const { machineIdSync } = createRequire(path.join(peerDir, 'x.js'))('node-machine-id')

// ---- helpers --------------------------------------------------------------------------
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : ms >= 0.001 ? `${(ms * 1000).toFixed(1)} µs` : `${(ms * 1e6).toFixed(0)} ns`)
const rows = []
function report(what, ours, theirs, peer) {
  const ratio = theirs / ours
  rows.push({ what, ours: fmt(ours), peer: `${peer} ${fmt(theirs)}`, ratio: `${ratio.toFixed(ratio >= 100 ? 0 : 2)}x` })
  return ratio
}

/** Median per-call time (ms) of `calls` sequential awaits, over `rounds` rounds. */
async function perCall(fn, calls, rounds) {
  const times = []
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now()
    for (let i = 0; i < calls; i++) await fn()
    times.push((performance.now() - t0) / calls)
  }
  return median(times)
}

/** Median per-call time (ms) with `width` calls in flight at once. */
async function perCallConcurrent(fn, calls, width, rounds) {
  const times = []
  for (let r = 0; r < rounds; r++) {
    let next = 0
    const t0 = performance.now()
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next++ < calls) await fn()
      }),
    )
    times.push((performance.now() - t0) / calls)
  }
  return median(times)
}

async function startServer() {
  const server = path.join(targetDir, 'release', 'licensekit-server')
  const bin = existsSync(server) ? server : path.join(targetDir, 'debug', 'licensekit-server')
  const child = spawn(bin, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`licensekit-server exited with ${code}`)))
  })
  lines.on('line', () => {})
  return { url: first.replace('listening on ', ''), child, kind: bin === server ? 'release' : 'debug' }
}

// ---- 1. round trip --------------------------------------------------------------------
const server = await startServer()
try {
  const client = new FaxStoreClient({ baseUrl: server.url, maxRetries: 0 })
  const request = { licenseKey: 'FS-ACTIVE-0001', productId: 8 }
  const viaAddon = async () => {
    const v = await client.check(request)
    if (!v.granted) throw new Error('addon check not granted')
  }
  const viaFetch = async () => {
    const res = await fetch(`${server.url}/api/check/8`, {
      method: 'POST',
      headers: { authorization: 'FS-ACTIVE-0001', accept: 'application/json, text/plain, */*', 'content-type': 'application/json' },
      body: '{}',
    })
    const body = await res.json()
    if (!body.pass) throw new Error('fetch check not granted')
  }
  for (let i = 0; i < 300; i++) {
    await viaAddon()
    await viaFetch()
  }
  // Interleaved rounds so that drift on a shared machine hits both sides alike.
  const seqAddon = []
  const seqFetch = []
  const conAddon = []
  const conFetch = []
  for (let r = 0; r < 5; r++) {
    seqAddon.push(await perCall(viaAddon, 400, 1))
    seqFetch.push(await perCall(viaFetch, 400, 1))
    conAddon.push(await perCallConcurrent(viaAddon, 800, 8, 1))
    conFetch.push(await perCallConcurrent(viaFetch, 800, 8, 1))
  }
  report('check round trip, sequential (per call)', median(seqAddon), median(seqFetch), 'fetch')
  report('check round trip, 8 in flight (per call)', median(conAddon), median(conFetch), 'fetch')
} finally {
  server.child.kill('SIGTERM')
}

// ---- 2. hardwareId warm ----------------------------------------------------------------
hardwareId({ product: 'racing-pack' })
machineIdSync()
const N = 1_000_000
const warmOurs = []
for (let r = 0; r < 5; r++) {
  const t0 = performance.now()
  for (let i = 0; i < N; i++) hardwareId({ product: 'racing-pack' })
  warmOurs.push((performance.now() - t0) / N)
}
const warmPeer = []
for (let r = 0; r < 5; r++) {
  const t0 = performance.now()
  for (let i = 0; i < 20; i++) machineIdSync()
  warmPeer.push((performance.now() - t0) / 20)
}
report('hardwareId() warm (per call)', median(warmOurs), median(warmPeer), 'node-machine-id')

// ---- 3. require + first call in a fresh process ------------------------------------------
function freshProcess(source, cwd) {
  const out = execFileSync(process.execPath, ['-e', source], { cwd, encoding: 'utf8', env: process.env })
  return Number(out.trim())
}
const timed = (load, call) =>
  `const { performance } = require('node:perf_hooks'); const t0 = performance.now(); const m = require(${JSON.stringify(load)}); ${call}; console.log(performance.now() - t0)`
const freshOurs = []
const freshPeer = []
for (let r = 0; r < 21; r++) {
  freshOurs.push(freshProcess(timed('licensekit', "m.hardwareId({ product: 'racing-pack' })"), installed))
  freshPeer.push(freshProcess(timed('node-machine-id', 'm.machineIdSync()'), peerDir))
}
report('require + first call, fresh process (median)', median(freshOurs), median(freshPeer), 'node-machine-id')
// The best run shows the cost without the noise of other work on the machine.
report('require + first call, fresh process (best)', Math.min(...freshOurs), Math.min(...freshPeer), 'node-machine-id')

// ---- results -----------------------------------------------------------------------------
console.log(`licensekit Node benchmark (addon: ${addonKind}; server: ${server.kind}; node ${process.version})`)
console.table(rows)
console.log('ratio = peer time / licensekit time (above 1: licensekit is faster).')
console.log('targets: round trip no slower than fetch (>= 1x); hardwareId warm >= 1000x; require + first call >= 3x.')
