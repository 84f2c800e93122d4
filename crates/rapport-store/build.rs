//! The migrations are compiled into the store, so a new or changed migration file must
//! rebuild it.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
