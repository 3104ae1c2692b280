pub mod add_market;
pub mod get_mark_price;
pub mod post_mark_price;
pub mod record_pyth_price;
pub mod update_market;

pub use add_market::*;
pub use get_mark_price::*;
pub use post_mark_price::*;
pub use record_pyth_price::*;
pub use update_market::*;
