// Types for `import … from 'licensekit'`: the same surface as the CommonJS entry.
import licensekit = require('./licensekit.js')

export * from './licensekit.js'
export default licensekit
