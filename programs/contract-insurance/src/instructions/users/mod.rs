pub mod register;

pub use register::*;
