use anchor_lang::prelude::*;
use anchor_lang::AccountsExit;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::*;
use crate::error::CipError;
use crate::events::{CommissionShare, PolicyPurchased};
use crate::instructions::pool_vault::*;
use crate::instructions::uplines::load_uplines;
use crate::math::levels::effective_level;
use crate::math::policy_terms::policy_terms;
use crate::math::referral_walk::differential_walk;
use crate::math::safe_math::{SafeCast, SafeMath};
use crate::math::tiers::tier_for_premium;
use crate::state::*;
use crate::utils::accounts::init_program_account;

/// Buys a 24 h loss-cover policy. Remaining accounts: the buyer's uplines, direct referrer first,
/// exactly `min(depth, max_depth)` of them, all writable.
#[event_cpi]
#[derive(Accounts)]
pub struct BuyPolicy<'info> {
    #[account(mut)]
    pub trader: Signer<'info>,
    pub pool_vault: PoolVault<'info>,
    #[account(
        mut,
        seeds = [USER_SEED, pool_vault.pool.key().as_ref(), user.owner.as_ref()],
        bump = user.bump,
        constraint = user.owner == trader.key() @ CipError::NotOwner,
    )]
    pub user: Box<Account<'info, UserAccount>>,
    #[account(address = user.referral_node @ CipError::UplineLinkMismatch)]
    pub referral_node: Box<Account<'info, ReferralNode>>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(
        mut,
        seeds = [
            POLICY_SEED,
            pool_vault.pool.key().as_ref(),
            trader.key().as_ref(),
            &user.policy_count.to_le_bytes(),
        ],
        bump,
    )]
    pub policy: UncheckedAccount<'info>,
    #[account(mut, constraint = pool_vault.is_premium_account(&trader_token) @ CipError::TokenAccountMismatch)]
    pub trader_token: Box<InterfaceAccount<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

impl<'info> BuyPolicy<'info> {
    /// Eligibility and tier rules of SPEC §2. Returns the premium's tier.
    pub fn validate(&self, premium: u64) -> Result<u8> {
        require!(!self.pool_vault.pool.paused, CipError::PoolPaused);
        require!(self.user.open_positions == 0, CipError::TraderHasOpenPositions);
        require!(self.user.active_policy.is_none(), CipError::PolicyAlreadyActive);
        tier_for_premium(&self.pool_vault.pool.config.tiers, premium)
    }

    pub fn handler(ctx: Context<'info, Self>, premium: u64) -> Result<()> {
        let tier = ctx.accounts.validate(premium)?;
        let accounts = &ctx.accounts;
        let config = &accounts.pool_vault.pool.config;
        let levels = &accounts.pool_vault.pool.levels;
        let terms = policy_terms(premium, config.trigger_multiplier, config.payout_ratio_bps)?;
        let start = Clock::get()?.unix_timestamp;
        let end = start.safe_add(config.policy_duration)?;

        // Commission: rates from each upline's level before this purchase counts toward it.
        let mut uplines = load_uplines(ctx.remaining_accounts, &accounts.referral_node, config.max_depth)?;
        let levels_before: Vec<u8> = uplines
            .iter()
            .map(|node| effective_level(levels, node.assigned_level, node.team_volume))
            .collect();
        let rates: Vec<u16> =
            levels_before.iter().map(|&level| levels[usize::from(level)].commission_bps).collect();
        let walk = differential_walk(premium, &rates, config.same_level_cut)?;

        accounts.pool_vault.deposit(
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

        let pool_key = accounts.pool_vault.pool.key();
        let trader_key = accounts.trader.key();
        let index = accounts.user.policy_count;
        let policy = Policy {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.policy,
            pool: pool_key,
            owner: trader_key,
            index,
            tier,
            premium,
            trigger: terms.trigger,
            payout: terms.payout,
            start,
            end,
            status: PolicyStatus::Active,
            outcome: PolicyOutcome::Open,
            commission: walk.total,
            open_positions: 0,
            covered_positions: 0,
            realized_pnl: 0,
            largest_closed_loss: 0,
            largest_closed_loss_position: None,
            settlement: SettlementKind::None,
            settled_at: 0,
            unrealized_pnl: 0,
            loss: 0,
            credits_paid: 0,
        };
        init_program_account(
            &accounts.trader.to_account_info(),
            &accounts.policy.to_account_info(),
            &accounts.system_program.to_account_info(),
            &[POLICY_SEED, pool_key.as_ref(), trader_key.as_ref(), &index.to_le_bytes(), &[policy.bump]],
            &policy,
        )?;
        let policy_key = accounts.policy.key();

        let user = &mut ctx.accounts.user;
        user.policy_count = user.policy_count.safe_add(1)?;
        user.active_policy = Some(policy_key);
        user.total_premium_paid = user.total_premium_paid.safe_add(premium)?;

        let pool_vault = &mut ctx.accounts.pool_vault;
        let pool = &mut pool_vault.pool;
        pool.totals.policies_sold = pool.totals.policies_sold.safe_add(1)?;
        pool.totals.premiums_collected = pool.totals.premiums_collected.safe_add(premium)?;
        pool.accrue_commission(walk.total)?;
        let commission_owed = pool.liabilities.commission_owed;
        let liabilities = pool.liabilities.total()?;
        let vault_balance = pool_vault.balance()?;
        require!(vault_balance >= liabilities, CipError::VaultInsolvent);

        emit_cpi!(PolicyPurchased {
            pool: pool_key,
            policy: policy_key,
            owner: trader_key,
            index,
            tier,
            premium,
            trigger: terms.trigger,
            payout: terms.payout,
            start,
            end,
            commissions,
            cut_at: walk.cut_at.map(|at| at.safe_cast()).transpose()?,
            total_commission: walk.total,
            vault_balance,
            commission_owed,
        });
        Ok(())
    }
}
