use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::LiquidationCoverBought;
use crate::instructions::vault::{is_premium_account, vault_of, SolvencyGuard};
use crate::math::liquidation::insured_from_ratio;
use crate::math::safe_math::SafeMath;
use crate::math::solvency::{cover_reserve, sale_fits};
use crate::math::vesting::day_index;
use crate::state::*;
use crate::utils::accounts::{init_program_account, read_account, write_account};

/// How the trader states the insured amount.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsuredAmount {
    /// In premium base units.
    Amount(u64),
    /// As a share of the margin (`insured = margin × ratio`), in bps, at most 100 %.
    MarginRatio(u16),
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiquidationCoverArgs {
    /// The venue's order id.
    pub order_id: u64,
    pub side: Side,
    pub order_qty: u64,
    pub margin: u64,
    pub insured: InsuredAmount,
}

/// The trader buys liquidation cover while placing an order; the insured amount moves into the
/// vault and the cover's worst case is reserved. A sale the pool's free capital cannot back is
/// refused (`InsufficientCapacity`).
#[event_cpi]
#[derive(Accounts)]
#[instruction(cover_index: u64)]
pub struct BuyLiquidationCover<'info> {
    #[account(mut)]
    pub trader: Signer<'info>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    #[account(
        mut,
        seeds = [USER_SEED, pool.key().as_ref(), trader.key().as_ref()],
        bump = user.bump,
        constraint = user.owner == trader.key() @ CipError::NotOwner,
    )]
    pub user: Box<Account<'info, UserAccount>>,
    #[account(constraint = market.pool == pool.key() @ CipError::PoolMismatch)]
    pub market: Box<Account<'info, Market>>,
    /// CHECK: the trader's exposure on this market; created on first use (prefund-safe).
    #[account(
        mut,
        seeds = [EXPOSURE_SEED, pool.key().as_ref(), trader.key().as_ref(), market.key().as_ref()],
        bump,
    )]
    pub exposure: UncheckedAccount<'info>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(
        mut,
        seeds = [LIQUIDATION_COVER_SEED, pool.key().as_ref(), trader.key().as_ref(), &cover_index.to_le_bytes()],
        bump,
    )]
    pub cover: UncheckedAccount<'info>,
    #[account(mut, constraint = is_premium_account(&pool, &trader_token) @ CipError::TokenAccountMismatch)]
    pub trader_token: Box<InterfaceAccount<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

/// What the checks decided: the insured amount, its reserve and the trader's quota usage after
/// the purchase.
struct Purchase {
    insured: u64,
    reserve: u64,
    day: i64,
    day_total: u64,
    cumulative: u64,
}

impl<'info> BuyLiquidationCover<'info> {
    fn validate(&self, cover_index: u64, args: &LiquidationCoverArgs, now: i64) -> Result<Purchase> {
        let config = &self.pool.config.liquidation;
        require!(!self.pool.paused, CipError::PoolPaused);
        require_eq!(cover_index, self.user.liquidation_cover_count, CipError::CoverIndexMismatch);
        require!(self.market.params.liquidation_cover, CipError::LiquidationCoverNotOffered);
        require!(self.market.params.active, CipError::MarketInactive);
        require!(!self.user.is_lead_trader, CipError::LeadTraderExcluded);
        require!(args.order_qty > 0 && args.margin > 0, CipError::InvalidOrder);
        let insured = match args.insured {
            InsuredAmount::Amount(amount) => amount,
            InsuredAmount::MarginRatio(ratio_bps) => insured_from_ratio(args.margin, ratio_bps)?,
        };
        require!(insured >= config.min_insured, CipError::InsuredBelowMinimum);
        require!(insured <= config.max_insured, CipError::PerOrderQuotaExceeded);
        require!(insured <= args.margin, CipError::InsuredAboveMargin);
        let day = day_index(now, config.day_offset_seconds)?;
        let bought_today = if self.user.liquidation_day == day { self.user.liquidation_day_total } else { 0 };
        let day_total = bought_today.safe_add(insured)?;
        require!(day_total <= config.daily_quota, CipError::DailyQuotaExceeded);
        let cumulative = self.user.liquidation_cumulative.safe_add(insured)?;
        require!(cumulative <= config.cumulative_quota, CipError::CumulativeQuotaExceeded);
        if let Some(exposure) = self.load_exposure()? {
            require!(exposure.ongoing == 0 || exposure.side == args.side, CipError::OppositeDirectionOngoing);
        }
        let reserve = cover_reserve(insured, config.top_ratio_bps(), config.compensation_multiplier_bps)?;
        let free_capital = self.pool.surplus(self.vault.amount)?;
        require!(sale_fits(free_capital, insured, reserve)?, CipError::InsufficientCapacity);
        Ok(Purchase { insured, reserve, day, day_total, cumulative })
    }

    fn load_exposure(&self) -> Result<Option<MarketExposure>> {
        if self.exposure.data_is_empty() {
            return Ok(None);
        }
        Ok(Some(read_account::<MarketExposure>(&self.exposure)?))
    }

    pub fn handler(ctx: Context<'info, Self>, cover_index: u64, args: LiquidationCoverArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let purchase = ctx.accounts.validate(cover_index, &args, now)?;
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let accounts = &ctx.accounts;
        let pool_key = accounts.pool.key();
        let trader_key = accounts.trader.key();
        let market_key = accounts.market.key();
        let payer = accounts.trader.to_account_info();
        let system_program = accounts.system_program.to_account_info();

        vault_of!(accounts).deposit(&accounts.trader_token.to_account_info(), &payer, purchase.insured)?;

        match accounts.load_exposure()? {
            Some(mut exposure) => {
                exposure.side = args.side;
                exposure.ongoing = exposure.ongoing.safe_add(1)?;
                write_account(&accounts.exposure, &exposure)?;
            }
            None => {
                let exposure = MarketExposure {
                    version: ACCOUNT_VERSION,
                    bump: ctx.bumps.exposure,
                    pool: pool_key,
                    owner: trader_key,
                    market: market_key,
                    side: args.side,
                    ongoing: 1,
                };
                init_program_account(
                    &payer,
                    &accounts.exposure,
                    &system_program,
                    &[
                        EXPOSURE_SEED,
                        pool_key.as_ref(),
                        trader_key.as_ref(),
                        market_key.as_ref(),
                        &[exposure.bump],
                    ],
                    &exposure,
                )?;
            }
        }

        let cover = LiquidationCover {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.cover,
            pool: pool_key,
            owner: trader_key,
            market: market_key,
            index: cover_index,
            order_id: args.order_id,
            side: args.side,
            order_qty: args.order_qty,
            filled_qty: 0,
            cancelled_qty: 0,
            order_margin: args.margin,
            margin: args.margin,
            insured_bought: purchase.insured,
            insured: purchase.insured,
            reserve_bought: purchase.reserve,
            reserved: purchase.reserve,
            refund_owed: 0,
            status: CoverStatus::Ongoing,
            fill_state: FillState::Pending,
            outcome: CoverOutcome::Open,
            position: None,
            bought_at: now,
            liquidated_at: 0,
            liquidated_qty: 0,
            liquidation_loss: 0,
            review_deadline: 0,
            approved_by_timeout: false,
            ratio_bps: 0,
            compensation: 0,
            vesting_start: 0,
            vesting_days: 0,
            vested_claimed: 0,
        };
        init_program_account(
            &payer,
            &accounts.cover,
            &system_program,
            &[
                LIQUIDATION_COVER_SEED,
                pool_key.as_ref(),
                trader_key.as_ref(),
                &cover_index.to_le_bytes(),
                &[cover.bump],
            ],
            &cover,
        )?;
        let cover_key = accounts.cover.key();

        let user = &mut ctx.accounts.user;
        user.liquidation_cover_count = user.liquidation_cover_count.safe_add(1)?;
        user.liquidation_day = purchase.day;
        user.liquidation_day_total = purchase.day_total;
        user.liquidation_cumulative = purchase.cumulative;
        let pool = &mut ctx.accounts.pool;
        pool.liabilities.covers_reserved = pool.liabilities.covers_reserved.safe_add(purchase.reserve)?;
        pool.totals.liquidation_covers_sold = pool.totals.liquidation_covers_sold.safe_add(1)?;
        pool.totals.liquidation_insured_collected =
            pool.totals.liquidation_insured_collected.safe_add(purchase.insured)?;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;

        emit_cpi!(LiquidationCoverBought {
            pool: pool_key,
            cover: cover_key,
            owner: trader_key,
            market: market_key,
            index: cover_index,
            order_id: args.order_id,
            side: args.side,
            order_qty: args.order_qty,
            margin: args.margin,
            insured: purchase.insured,
            reserved: purchase.reserve,
            day: purchase.day,
            day_total: purchase.day_total,
            cumulative: purchase.cumulative,
            books,
        });
        Ok(())
    }
}
