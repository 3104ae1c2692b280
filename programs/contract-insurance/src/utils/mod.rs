pub mod accounts;
pub mod return_data;
pub mod token;
