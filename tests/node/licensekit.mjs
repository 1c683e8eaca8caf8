// The package under test, by path: the suite runs from a checkout, where `licensekit` is not
// installed. module.test.mjs checks that the package also resolves by name (require and import).
export * from '../../bindings-node/lib/licensekit.mjs'
export { default } from '../../bindings-node/lib/licensekit.mjs'
