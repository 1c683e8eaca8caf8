//! Gives the shared library a versioned SONAME (a cdylib has none by default, BUILD_NOTES #9):
//! `liblicensekit.so.0.<minor>` while the version is 0.x (each 0.x minor may change the ABI),
//! `liblicensekit.so.<major>` from 1.0 on. Writes nothing into the source tree.

fn main() {
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    let abi = if major == "0" {
        format!("0.{minor}")
    } else {
        major.to_owned()
    };
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liblicensekit.so.{abi}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
