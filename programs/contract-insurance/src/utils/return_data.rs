//! Instruction return data on native (host) builds.
//!
//! Anchor sets return data with `solana_cpi::set_return_data`, which is a no-op off-chain, so a
//! natively registered program (the embedded test runtime, the local validator) would return
//! nothing. On the host this forwards the same bytes to the runtime's syscall stubs; on SBF it
//! compiles to nothing and Anchor's own call does the work.

use anchor_lang::prelude::*;

#[cfg(not(target_os = "solana"))]
pub fn bridge_return_data<T: AnchorSerialize>(value: &T) -> Result<()> {
    let mut bytes = Vec::with_capacity(64);
    value.serialize(&mut bytes)?;
    solana_sysvar::program_stubs::sol_set_return_data(&bytes);
    Ok(())
}

#[cfg(target_os = "solana")]
#[inline(always)]
pub fn bridge_return_data<T: AnchorSerialize>(_value: &T) -> Result<()> {
    Ok(())
}
