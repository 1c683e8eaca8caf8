//! Sets the linker flags a Node addon needs (undefined napi symbols resolved by the host).

fn main() {
    napi_build::setup();
}
