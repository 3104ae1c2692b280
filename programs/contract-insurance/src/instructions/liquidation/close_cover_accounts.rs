use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::events::{LiquidationCoverClosed, MarketExposureClosed};
use crate::state::*;

/// Anyone (the keeper): closes a finished liquidation cover — Completed, no refund owed, every
/// vesting tranche claimed — and returns its rent to the trader who paid it. The final state is
/// in the event; the PDA includes the trader's cover counter, so the address is never reused.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseLiquidationCover<'info> {
    pub closer: Signer<'info>,
    #[account(mut, close = owner, has_one = owner @ CipError::RentRecipientMismatch)]
    pub cover: Box<Account<'info, LiquidationCover>>,
    /// CHECK: the cover owner's wallet, who paid the rent (checked by `has_one`).
    #[account(mut)]
    pub owner: UncheckedAccount<'info>,
}

impl CloseLiquidationCover<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        require!(ctx.accounts.cover.is_finished(), CipError::CoverNotFinished);
        let cover = &ctx.accounts.cover;
        emit_cpi!(LiquidationCoverClosed {
            cover: cover.key(),
            rent_recipient: cover.owner,
            lamports: cover.to_account_info().lamports(),
            final_state: LiquidationCover::clone(cover),
        });
        Ok(())
    }
}

/// Anyone (the keeper): closes a trader's market exposure once no cover on that market is
/// ongoing, returning its rent to the trader. The next cover on the market creates it afresh.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseMarketExposure<'info> {
    pub closer: Signer<'info>,
    #[account(mut, close = owner, has_one = owner @ CipError::RentRecipientMismatch)]
    pub exposure: Box<Account<'info, MarketExposure>>,
    /// CHECK: the trader's wallet, who paid the rent (checked by `has_one`).
    #[account(mut)]
    pub owner: UncheckedAccount<'info>,
}

impl CloseMarketExposure<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        require!(ctx.accounts.exposure.ongoing == 0, CipError::MarketExposureInUse);
        let exposure = &ctx.accounts.exposure;
        emit_cpi!(MarketExposureClosed {
            exposure: exposure.key(),
            rent_recipient: exposure.owner,
            lamports: exposure.to_account_info().lamports(),
            final_state: MarketExposure::clone(exposure),
        });
        Ok(())
    }
}
