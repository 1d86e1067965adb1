//! main
fn main() {
    pristan_app::run()
}
