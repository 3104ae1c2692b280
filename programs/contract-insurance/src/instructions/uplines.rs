//! Loading the upline chain a walk needs from `remaining_accounts`, verifying every link.
//!
//! The caller passes exactly `min(depth, max_depth)` referral nodes, direct referrer first. Each
//! must be a writable, program-owned `ReferralNode` whose address is the `parent` recorded in the
//! node before it. Links are checked by address, so truncated, reordered, duplicated, foreign-owned
//! and wrong-type accounts are all refused, each with its own error.

use anchor_lang::prelude::*;
use anchor_lang::Discriminator;

use crate::error::CipError;
use crate::state::ReferralNode;

/// Number of uplines a walk from a node at `depth` visits.
pub fn required_uplines(depth: u32, max_depth: u8) -> usize {
    depth.min(u32::from(max_depth)) as usize
}

pub fn load_uplines<'info>(
    remaining_accounts: &'info [AccountInfo<'info>],
    start: &ReferralNode,
    max_depth: u8,
) -> Result<Vec<Account<'info, ReferralNode>>> {
    let required = required_uplines(start.depth, max_depth);
    require_eq!(remaining_accounts.len(), required, CipError::UplineCountMismatch);
    let mut expected_parent = start.parent;
    let mut uplines = Vec::with_capacity(required);
    for info in remaining_accounts {
        require_keys_eq!(*info.owner, crate::ID, CipError::UplineNotProgramOwned);
        {
            let data = info.try_borrow_data()?;
            require!(data.starts_with(ReferralNode::DISCRIMINATOR), CipError::UplineWrongAccountType);
        }
        // A node at depth d has d ancestors, so within min(depth, max_depth) steps a parent exists.
        let parent = expected_parent.ok_or(CipError::UplineLinkMismatch)?;
        require_keys_eq!(info.key(), parent, CipError::UplineLinkMismatch);
        require!(info.is_writable, CipError::UplineNotWritable);
        let node = Account::<ReferralNode>::try_from(info)?;
        require_keys_eq!(node.pool, start.pool, CipError::PoolMismatch);
        expected_parent = node.parent;
        uplines.push(node);
    }
    Ok(uplines)
}
