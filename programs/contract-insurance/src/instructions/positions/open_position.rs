use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;
use crate::events::{PolicyVoided, PositionOpened};
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::accounts::{init_program_account, read_account, write_account};

/// Reporter: a trader opened a position at the venue at `opened_at` (venue time). It attaches to
/// the trader's active policy when it opened inside the window and is reported before the
/// window's reports close; an open that predates the policy's start voids the policy (the cover
/// was bought while a position was open).
#[event_cpi]
#[derive(Accounts)]
#[instruction(position_id: u64)]
pub struct OpenPosition<'info> {
    #[account(mut)]
    pub reporter: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
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
    /// CHECK: the policy's exposure in this market (seeds `policy_exposure`, policy, market);
    /// created here with the first attached position. Required when the position attaches.
    #[account(mut)]
    pub policy_exposure: Option<UncheckedAccount<'info>>,
    pub system_program: Program<'info, System>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenPositionArgs {
    pub side: Side,
    pub size: u64,
    pub entry_price: u64,
    pub margin: u64,
    /// Venue time of the open (not after now).
    pub opened_at: i64,
}

impl OpenPosition<'_> {
    pub fn validate(&self, args: &OpenPositionArgs, now: i64) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool.roles.reporter, CipError::NotReporter);
        require!(self.market.params.active, CipError::MarketInactive);
        require!(args.size > 0, CipError::ZeroSize);
        require!(args.entry_price > 0, CipError::ZeroPrice);
        check_notional(args.size, args.entry_price)?;
        require!(args.opened_at <= now, CipError::EventTimeInFuture);
        check_active_policy(&self.user, self.policy.as_deref())
    }

    pub fn handler(ctx: Context<Self>, position_id: u64, args: OpenPositionArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(&args, now)?;
        let pool_key = ctx.accounts.pool.key();
        let owner = ctx.accounts.user.owner;
        let position_key = ctx.accounts.position.key();
        let market_key = ctx.accounts.market.key();

        let attachment = match ctx.accounts.policy.as_deref() {
            Some(policy) => policy.attachment(args.opened_at, now)?,
            None => Attachment::Outside,
        };
        let mut attached_policy = None;
        let mut attached_exposure = None;
        let mut voided_policy = None;
        match attachment {
            Attachment::Void => {
                let policy = ctx.accounts.policy.as_deref_mut().ok_or(CipError::PolicyAccountRequired)?;
                policy.void(now);
                let event = PolicyVoided {
                    pool: pool_key,
                    policy: policy.key(),
                    owner,
                    position: position_key,
                    position_opened_at: args.opened_at,
                    start: policy.terms.start,
                    premium: policy.terms.premium,
                    voided_at: now,
                };
                voided_policy = Some(event.policy);
                ctx.accounts.user.active_policy_index = None;
                let totals = &mut ctx.accounts.pool.totals;
                totals.policies_voided = totals.policies_voided.safe_add(1)?;
                emit_cpi!(event);
            }
            Attachment::Attach => {
                let (policy_key, policy_end) = {
                    let policy = ctx.accounts.policy.as_deref().ok_or(CipError::PolicyAccountRequired)?;
                    (policy.key(), policy.terms.end)
                };
                let exposure_key = ctx.accounts.attach(&policy_key, &args)?;
                let policy = ctx.accounts.policy.as_deref_mut().ok_or(CipError::PolicyAccountRequired)?;
                policy.open_positions = policy.open_positions.safe_add(1)?;
                attached_policy = Some((policy_key, policy_end));
                attached_exposure = Some(exposure_key);
            }
            Attachment::Outside => {}
        }

        let position = Position {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.position,
            pool: pool_key,
            owner,
            market: market_key,
            position_id,
            side: args.side,
            size: args.size,
            entry_price: args.entry_price,
            margin: args.margin,
            opened_at: args.opened_at,
            last_event_at: args.opened_at,
            realized_pnl: 0,
            fees_paid: 0,
            liquidated_size: 0,
            policy: attached_policy.map(|(key, _)| key),
            policy_end: attached_policy.map_or(0, |(_, end)| end),
        };
        init_program_account(
            &ctx.accounts.reporter.to_account_info(),
            &ctx.accounts.position.to_account_info(),
            &ctx.accounts.system_program.to_account_info(),
            &[POSITION_SEED, pool_key.as_ref(), owner.as_ref(), &position_id.to_le_bytes(), &[position.bump]],
            &position,
        )?;

        let market = &mut ctx.accounts.market;
        market.open_positions = market.open_positions.safe_add(1)?;
        let user = &mut ctx.accounts.user;
        user.open_positions = user.open_positions.safe_add(1)?;
        emit_cpi!(PositionOpened {
            pool: pool_key,
            owner,
            position: position_key,
            position_id,
            market: market_key,
            side: args.side,
            size: args.size,
            entry_price: args.entry_price,
            margin: args.margin,
            opened_at: args.opened_at,
            reported_at: now,
            policy: position.policy,
            exposure: attached_exposure,
            voided_policy,
            open_positions: user.open_positions,
        });
        Ok(())
    }

    /// Adds the new position to the policy's exposure in this market, creating the exposure
    /// account with the policy's first position there. Returns the exposure's address.
    fn attach(&mut self, policy_key: &Pubkey, args: &OpenPositionArgs) -> Result<Pubkey> {
        let info = self.policy_exposure.as_ref().ok_or(CipError::ExposureAccountRequired)?.to_account_info();
        let market_key = self.market.key();
        let (expected, bump) = Pubkey::find_program_address(
            &[POLICY_EXPOSURE_SEED, policy_key.as_ref(), market_key.as_ref()],
            &crate::ID,
        );
        require_keys_eq!(info.key(), expected, CipError::ExposureMismatch);
        let created = info.data_is_empty();
        let mut exposure = if created {
            PolicyExposure {
                version: ACCOUNT_VERSION,
                bump,
                pool: self.pool.key(),
                policy: *policy_key,
                market: market_key,
                mark_price_feed: self.market.mark_price_feed,
                rent_payer: self.reporter.key(),
                decimals: ExposureDecimals {
                    base: self.market.params.base_decimals,
                    quote: self.market.params.quote_decimals,
                    price: self.market.params.price_decimals,
                },
                open_positions: 0,
                positions: 0,
                net_size: 0,
                net_entry_value: 0,
                valued: false,
                mark_source: MarkSource::None,
                mark_price: 0,
                mark_publish_time: 0,
                unrealized_pnl: 0,
            }
        } else {
            read_account::<PolicyExposure>(&info)?
        };
        let mut net = exposure.net();
        net.add(args.side.into(), args.size, args.entry_price)?;
        exposure.set_net(net);
        exposure.open_positions = exposure.open_positions.safe_add(1)?;
        exposure.positions = exposure.positions.safe_add(1)?;
        if created {
            init_program_account(
                &self.reporter.to_account_info(),
                &info,
                &self.system_program.to_account_info(),
                &[POLICY_EXPOSURE_SEED, policy_key.as_ref(), market_key.as_ref(), &[bump]],
                &exposure,
            )?;
            let policy = self.policy.as_deref_mut().ok_or(CipError::PolicyAccountRequired)?;
            policy.exposures = policy.exposures.safe_add(1)?;
        } else {
            write_account(&info, &exposure)?;
        }
        Ok(expected)
    }
}

/// `size × price` within [`MAX_POSITION_NOTIONAL`], so a policy's per-market sums cannot overflow.
pub fn check_notional(size: u64, price: u64) -> Result<()> {
    require!(
        u128::from(size).safe_mul(u128::from(price))? <= MAX_POSITION_NOTIONAL,
        CipError::PositionTooLarge
    );
    Ok(())
}

/// The policy account passed must be exactly the user's active policy (and present when there is
/// one): the same owner, pool and index (the index is part of the policy's address).
pub fn check_active_policy(user: &UserAccount, passed: Option<&Account<Policy>>) -> Result<()> {
    match (user.active_policy_index, passed) {
        (None, None) => Ok(()),
        (Some(_), None) => err!(CipError::PolicyAccountRequired),
        (None, Some(_)) => err!(CipError::PolicyAccountMismatch),
        (Some(index), Some(policy)) => {
            require!(
                policy.index == index && policy.owner == user.owner && policy.pool == user.pool,
                CipError::PolicyAccountMismatch
            );
            Ok(())
        }
    }
}
