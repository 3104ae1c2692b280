pub mod increase_position;
pub mod open_position;
pub mod reduce_position;
pub mod update_position;

pub use open_position::*;
pub use update_position::*;
