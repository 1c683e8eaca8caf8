'use strict'
// The addon. napi's generated loader (../index.js) finds the right binary on every platform
// napi supports, in this package or in a platform package, at a cost of about 1 ms of JS per
// process (a third of licensekit's whole start-up). When this package carries the binary for
// this machine, it is loaded directly; anything else (another platform, musl, the
// NAPI_RS_NATIVE_LIBRARY_PATH override) goes through the generated loader.

function load() {
  if (process.platform === 'linux' && process.arch === 'x64' && !process.env.NAPI_RS_NATIVE_LIBRARY_PATH) {
    try {
      return require('../licensekit.linux-x64-gnu.node')
    } catch {
      // Not shipped here, or not loadable (a musl system): the generated loader decides.
    }
  }
  return require('../index.js')
}

module.exports = load()
