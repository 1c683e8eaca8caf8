// Starts the real test server (`licensekit-server --port 0`) for a test file and talks to its
// admin API. One server per file: files run in parallel processes under `node --test`.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import path from 'node:path'

export const repoRoot = path.resolve(import.meta.dirname, '..', '..')
export const targetDir = path.join(path.resolve(repoRoot, process.env.CARGO_TARGET_DIR ?? 'target'), 'debug')

/** Path of a binary built by cargo (`licensekit-server`, `licensekit`). */
export function binary(name) {
  return path.join(targetDir, name)
}

/**
 * Spawns the test server on an ephemeral port and resolves once it prints
 * `listening on http://HOST:PORT`. `extraArgs` go to its command line (`--fixture FILE`, …).
 */
export async function startServer(extraArgs = []) {
  const child = spawn(binary('licensekit-server'), ['--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // Node would otherwise wait for the child and its pipes before exiting (BUILD_NOTES 12);
  // and a test file that dies early must not leave its server behind.
  child.unref()
  process.once('exit', () => child.kill())
  const lines = createInterface({ input: child.stdout })
  const firstLine = new Promise((resolve, reject) => {
    lines.once('line', resolve)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`licensekit-server exited with ${code} before listening`)))
  })
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('licensekit-server did not start in 20 s')), 20_000)
    timer.unref()
  })
  let line
  try {
    line = await Promise.race([firstLine, timeout])
  } catch (err) {
    child.kill()
    throw err
  } finally {
    clearTimeout(timer)
  }
  const match = /^listening on (http:\/\/\S+)$/.exec(line)
  if (!match) {
    child.kill()
    throw new Error(`unexpected first line from licensekit-server: ${line}`)
  }
  // Keep draining the per-request log lines so the pipe never fills up.
  lines.on('line', () => {})
  child.stdout.unref?.()
  return new TestServer(match[1], child)
}

/** A running test server: its base URL and its admin API. */
export class TestServer {
  constructor(url, child) {
    this.url = url
    this.child = child
  }

  async admin(method, path, body) {
    const res = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}: ${text}`)
    return text.length ? JSON.parse(text) : null
  }

  /** Back to the fixture the server started with, without faults or clock offset. */
  async reset() {
    await this.admin('POST', '/__admin/reset')
    await this.admin('DELETE', '/__admin/faults')
    await this.admin('POST', '/__admin/clock', { offset_secs: 0 })
  }

  /** Adds a fault (`{path, status, delay_ms, drop_connection, corrupt_signature, invalid_json, times}`). */
  fault(fault) {
    return this.admin('POST', '/__admin/faults', { times: 1, ...fault })
  }

  state() {
    return this.admin('GET', '/__admin/state')
  }

  fixture(fixture) {
    return this.admin('POST', '/__admin/fixture', fixture)
  }

  clock(offsetSecs) {
    return this.admin('POST', '/__admin/clock', { offset_secs: offsetSecs })
  }

  async publicKey() {
    const res = await fetch(this.url + '/__admin/public-key')
    if (!res.ok) throw new Error(`GET /__admin/public-key: HTTP ${res.status}`)
    return res.text()
  }

  async stop() {
    if (this.child.exitCode !== null) return
    const exited = once(this.child, 'exit')
    this.child.kill('SIGTERM')
    await exited
  }
}
