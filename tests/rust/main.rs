//! Integration tests. One test binary (one link of the runtime); one module per area.

mod buy_policy;
