pub mod accounts;
pub mod token;
