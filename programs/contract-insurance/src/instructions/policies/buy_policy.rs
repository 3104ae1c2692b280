use anchor_lang::prelude::*;
use anchor_lang::AccountsExit;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::{CommissionShare, PolicyPurchased};
use crate::instructions::uplines::load_uplines;
use crate::instructions::vault::{is_premium_account, vault_of, SolvencyGuard};
use crate::math::levels::effective_level;
use crate::math::policy_terms::payout_terms;
use crate::math::referral_walk::differential_walk;
use crate::math::safe_math::{SafeCast, SafeMath};
use crate::math::tiers::tier_for_premium;
use crate::oracle::OracleGuards;
use crate::state::*;
use crate::utils::accounts::init_program_account;

/// Buys a 24 h loss-cover policy. Remaining accounts: the buyer's uplines, direct referrer first,
/// exactly `min(depth, max_depth)` of them, all writable.
#[event_cpi]
#[derive(Accounts)]
#[instruction(policy_index: u64)]
pub struct BuyPolicy<'info> {
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
    #[account(
        seeds = [REFERRAL_SEED, pool.key().as_ref(), trader.key().as_ref()],
        bump = referral_node.bump,
    )]
    pub referral_node: Box<Account<'info, ReferralNode>>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(
        mut,
        seeds = [POLICY_SEED, pool.key().as_ref(), trader.key().as_ref(), &policy_index.to_le_bytes()],
        bump,
    )]
    pub policy: UncheckedAccount<'info>,
    #[account(mut, constraint = is_premium_account(&pool, &trader_token) @ CipError::TokenAccountMismatch)]
    pub trader_token: Box<InterfaceAccount<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

impl<'info> BuyPolicy<'info> {
    /// Eligibility and tier rules of SPEC §2. Returns the premium's tier.
    pub fn validate(&self, policy_index: u64, premium: u64) -> Result<u8> {
        require!(!self.pool.paused, CipError::PoolPaused);
        require_eq!(policy_index, self.user.policy_count, CipError::PolicyIndexMismatch);
        require!(self.user.open_positions == 0, CipError::TraderHasOpenPositions);
        require!(self.user.active_policy.is_none(), CipError::PolicyAlreadyActive);
        tier_for_premium(&self.pool.config.tiers, premium)
    }

    pub fn handler(ctx: Context<'info, Self>, policy_index: u64, premium: u64) -> Result<()> {
        let tier = ctx.accounts.validate(policy_index, premium)?;
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let accounts = &ctx.accounts;
        let config = &accounts.pool.config;
        let levels = &accounts.pool.levels;
        let payout = payout_terms(
            premium,
            config.trigger_multiplier,
            config.payout_ratio_bps,
            config.hashrate_per_usdt_bps,
        )?;
        let start = Clock::get()?.unix_timestamp;
        let terms = PolicyTerms {
            premium,
            trigger: payout.trigger,
            payout: payout.payout,
            payout_credits: payout.payout_credits,
            start,
            end: start.safe_add(config.policy_duration)?,
            mark_guards: OracleGuards::from(config),
            settlement_grace: config.settlement_grace,
        };

        // Commission: rates from each upline's level before this purchase counts toward it.
        let mut uplines = load_uplines(ctx.remaining_accounts, &accounts.referral_node, config.max_depth)?;
        let levels_before: Vec<u8> = uplines
            .iter()
            .map(|node| effective_level(levels, node.assigned_level, node.team_volume))
            .collect();
        let rates: Vec<u16> =
            levels_before.iter().map(|&level| levels[usize::from(level)].commission_bps).collect();
        let walk = differential_walk(premium, &rates, config.same_level_cut)?;

        vault_of!(accounts).deposit(
            &accounts.trader_token.to_account_info(),
            &accounts.trader.to_account_info(),
            premium,
        )?;

        // Every walked upline's team volume grows, even past a same-level cut.
        let mut commissions = Vec::with_capacity(uplines.len());
        for (index, node) in uplines.iter_mut().enumerate() {
            let amount = walk.earned[index];
            node.commission_earned = node.commission_earned.safe_add(amount)?;
            node.team_volume = node.team_volume.safe_add(premium)?;
            node.level = effective_level(levels, node.assigned_level, node.team_volume);
            node.exit(&crate::ID)?;
            commissions.push(CommissionShare {
                referral_node: node.key(),
                owner: node.owner,
                level: levels_before[index],
                rate_bps: rates[index],
                amount,
                team_volume_after: node.team_volume,
                level_after: node.level,
            });
        }

        let pool_key = accounts.pool.key();
        let trader_key = accounts.trader.key();
        let policy = Policy {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.policy,
            pool: pool_key,
            owner: trader_key,
            index: policy_index,
            terms,
            status: PolicyStatus::Active,
            outcome: PolicyOutcome::Open,
            open_positions: 0,
            positions_attached: 0,
            exposures: 0,
            exposures_valued: 0,
            exposures_closed: 0,
            fallback_marks: 0,
            realized_pnl: 0,
            unrealized_pnl: 0,
            largest_closed_loss: 0,
            largest_closed_loss_position: None,
            settlement: SettlementKind::None,
            settled_at: 0,
            loss: 0,
            credits_paid: 0,
        };
        init_program_account(
            &accounts.trader.to_account_info(),
            &accounts.policy.to_account_info(),
            &accounts.system_program.to_account_info(),
            &[
                POLICY_SEED,
                pool_key.as_ref(),
                trader_key.as_ref(),
                &policy_index.to_le_bytes(),
                &[policy.bump],
            ],
            &policy,
        )?;
        let policy_key = accounts.policy.key();

        let user = &mut ctx.accounts.user;
        user.policy_count = user.policy_count.safe_add(1)?;
        user.active_policy = Some(policy_key);
        user.total_premium_paid = user.total_premium_paid.safe_add(premium)?;

        let pool = &mut ctx.accounts.pool;
        pool.totals.policies_sold = pool.totals.policies_sold.safe_add(1)?;
        pool.totals.premiums_collected = pool.totals.premiums_collected.safe_add(premium)?;
        pool.accrue_commission(walk.total)?;
        // The premium paid in is at least the commission it accrues (rates are at most 100 %), so
        // a purchase never widens a gap: liabilities elsewhere never block a loss-cover sale.
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;

        emit_cpi!(PolicyPurchased {
            pool: pool_key,
            policy: policy_key,
            owner: trader_key,
            index: policy_index,
            tier,
            terms,
            commissions,
            cut_at: walk.cut_at.map(|at| at.safe_cast()).transpose()?,
            total_commission: walk.total,
            books,
        });
        Ok(())
    }
}
