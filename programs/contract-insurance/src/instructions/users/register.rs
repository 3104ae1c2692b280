use anchor_lang::prelude::*;
use anchor_lang::Discriminator;

use crate::constants::*;
use crate::error::CipError;
use crate::events::UserRegistered;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::accounts::{init_program_account, write_account};

/// Creates the trader's user account and referral node. The referrer is optional, set once, and
/// must already be registered in the same pool, so the tree stays acyclic.
#[event_cpi]
#[derive(Accounts)]
pub struct Register<'info> {
    #[account(mut)]
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(mut, seeds = [USER_SEED, pool.key().as_ref(), wallet.key().as_ref()], bump)]
    pub user: UncheckedAccount<'info>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(mut, seeds = [REFERRAL_SEED, pool.key().as_ref(), wallet.key().as_ref()], bump)]
    pub referral_node: UncheckedAccount<'info>,
    /// CHECK: the referrer's referral node, verified by the handler so that self-referral and
    /// unregistered referrers get their own errors.
    #[account(mut)]
    pub referrer_node: Option<UncheckedAccount<'info>>,
    pub system_program: Program<'info, System>,
}

impl<'info> Register<'info> {
    /// Loads and checks the referrer's node, if one was given.
    fn load_referrer(&self) -> Result<Option<ReferralNode>> {
        let Some(info) = self.referrer_node.as_ref() else {
            return Ok(None);
        };
        require_keys_neq!(info.key(), self.referral_node.key(), CipError::SelfReferral);
        require!(
            info.owner == &crate::ID && info.data.borrow().starts_with(ReferralNode::DISCRIMINATOR),
            CipError::ReferrerNotRegistered
        );
        let node = ReferralNode::try_deserialize(&mut &info.data.borrow()[..])?;
        require_keys_eq!(node.pool, self.pool.key(), CipError::PoolMismatch);
        Ok(Some(node))
    }

    pub fn handler(ctx: Context<'info, Self>) -> Result<()> {
        let accounts = &ctx.accounts;
        let now = Clock::get()?.unix_timestamp;
        let pool_key = accounts.pool.key();
        let wallet_key = accounts.wallet.key();
        let user_key = accounts.user.key();
        let node_key = accounts.referral_node.key();
        let payer = accounts.wallet.to_account_info();
        let system_program = accounts.system_program.to_account_info();

        let mut referrer = accounts.load_referrer()?;
        let depth = match &referrer {
            Some(parent) => parent.depth.safe_add(1)?,
            None => 0,
        };
        let user = UserAccount {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.user,
            pool: pool_key,
            owner: wallet_key,
            registered_at: now,
            open_positions: 0,
            policy_count: 0,
            active_policy_index: None,
            total_premium_paid: 0,
            total_compensation_credits: 0,
            credits_owed: 0,
            is_lead_trader: false,
            liquidation_cover_count: 0,
            liquidation_day: 0,
            liquidation_day_total: 0,
            liquidation_cumulative: 0,
            liquidation_used: 0,
        };
        init_program_account(
            &payer,
            &accounts.user.to_account_info(),
            &system_program,
            &[USER_SEED, pool_key.as_ref(), wallet_key.as_ref(), &[user.bump]],
            &user,
        )?;
        let node = ReferralNode {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.referral_node,
            pool: pool_key,
            owner: wallet_key,
            parent: accounts.referrer_node.as_ref().map(|info| info.key()),
            depth,
            assigned_level: 0,
            level: 0,
            direct_referrals: 0,
            team_volume: 0,
            commission_earned: 0,
            commission_claimed: 0,
            rebate_earned: 0,
            rebate_claimed: 0,
            created_at: now,
        };
        init_program_account(
            &payer,
            &accounts.referral_node.to_account_info(),
            &system_program,
            &[REFERRAL_SEED, pool_key.as_ref(), wallet_key.as_ref(), &[node.bump]],
            &node,
        )?;
        if let (Some(parent), Some(info)) = (referrer.as_mut(), accounts.referrer_node.as_ref()) {
            parent.direct_referrals = parent.direct_referrals.safe_add(1)?;
            write_account(info, parent)?;
        }

        let pool = &mut ctx.accounts.pool;
        pool.totals.users_registered = pool.totals.users_registered.safe_add(1)?;
        emit_cpi!(UserRegistered {
            pool: pool_key,
            owner: wallet_key,
            user: user_key,
            referral_node: node_key,
            referrer: referrer.as_ref().map(|parent| parent.owner),
            depth,
        });
        Ok(())
    }
}
