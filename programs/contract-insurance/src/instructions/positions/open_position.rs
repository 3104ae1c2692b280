use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;
use crate::events::PositionOpened;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::accounts::init_program_account;

/// Reporter: a trader opened a position. If the trader has an active policy whose window
/// contains now and has room, the position attaches to it.
#[event_cpi]
#[derive(Accounts)]
#[instruction(position_id: u64)]
pub struct OpenPosition<'info> {
    #[account(mut)]
    pub reporter: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(has_one = pool @ CipError::PoolMismatch)]
    pub market: Box<Account<'info, Market>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub user: Box<Account<'info, UserAccount>>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(
        mut,
        seeds = [POSITION_SEED, pool.key().as_ref(), user.owner.as_ref(), &position_id.to_le_bytes()],
        bump,
    )]
    pub position: UncheckedAccount<'info>,
    /// The trader's active policy; required when the trader has one.
    #[account(mut)]
    pub policy: Option<Box<Account<'info, Policy>>>,
    pub system_program: Program<'info, System>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenPositionArgs {
    pub side: Side,
    pub size: u64,
    pub entry_price: u64,
    pub margin: u64,
}

impl OpenPosition<'_> {
    pub fn validate(&self, args: &OpenPositionArgs) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool.roles.reporter, CipError::NotReporter);
        require!(self.market.params.active, CipError::MarketInactive);
        require!(args.size > 0, CipError::ZeroSize);
        require!(args.entry_price > 0, CipError::ZeroPrice);
        check_active_policy(self.user.active_policy, self.policy.as_deref())
    }

    pub fn handler(ctx: Context<Self>, position_id: u64, args: OpenPositionArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let max_covered = u32::from(ctx.accounts.pool.config.max_covered_positions);
        let pool_key = ctx.accounts.pool.key();
        let owner = ctx.accounts.user.owner;
        let position_key = ctx.accounts.position.key();

        let (attached_policy, over_cover_limit) = match ctx.accounts.policy.as_deref_mut() {
            Some(policy) if policy.covers(now) => {
                if policy.covered_positions < max_covered {
                    policy.covered_positions = policy.covered_positions.safe_add(1)?;
                    policy.open_positions = policy.open_positions.safe_add(1)?;
                    (Some(policy.key()), false)
                } else {
                    (None, true)
                }
            }
            _ => (None, false),
        };

        let position = Position {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.position,
            pool: pool_key,
            owner,
            market: ctx.accounts.market.key(),
            position_id,
            side: args.side,
            size: args.size,
            entry_price: args.entry_price,
            margin: args.margin,
            opened_at: now,
            realized_pnl: 0,
            fees_paid: 0,
            liquidated_size: 0,
            policy: attached_policy,
        };
        init_program_account(
            &ctx.accounts.reporter.to_account_info(),
            &ctx.accounts.position.to_account_info(),
            &ctx.accounts.system_program.to_account_info(),
            &[POSITION_SEED, pool_key.as_ref(), owner.as_ref(), &position_id.to_le_bytes(), &[position.bump]],
            &position,
        )?;

        let user = &mut ctx.accounts.user;
        user.open_positions = user.open_positions.safe_add(1)?;
        emit_cpi!(PositionOpened {
            pool: pool_key,
            owner,
            position: position_key,
            position_id,
            market: position.market,
            side: args.side,
            size: args.size,
            entry_price: args.entry_price,
            margin: args.margin,
            opened_at: now,
            policy: attached_policy,
            over_cover_limit,
            open_positions: user.open_positions,
        });
        Ok(())
    }
}

/// The policy account passed must be exactly the one referred to (and present when one is).
pub fn check_active_policy(expected: Option<Pubkey>, passed: Option<&Account<Policy>>) -> Result<()> {
    match (expected, passed) {
        (None, None) => Ok(()),
        (Some(_), None) => err!(CipError::PolicyAccountRequired),
        (None, Some(_)) => err!(CipError::PolicyAccountMismatch),
        (Some(expected), Some(policy)) => {
            require_keys_eq!(expected, policy.key(), CipError::PolicyAccountMismatch);
            Ok(())
        }
    }
}
