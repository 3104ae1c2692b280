use anchor_lang::prelude::*;

use crate::constants::*;
use crate::math::safe_math::SafeMath;
use crate::state::config::{Level, PoolConfig, PoolRoles};

/// What the vault owes or has promised, in premium base units. The vault must always hold at
/// least the sum (SPEC §7); each payment comes out of its own line.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Liabilities {
    /// Referral commission accrued on nodes and not yet claimed.
    pub commission_owed: u64,
    /// Liquidation-cover cancellation refunds credited and not yet paid out.
    pub refunds_owed: u64,
    /// Approved liquidation compensation not yet claimed (vested or not).
    pub vesting_owed: u64,
    /// Most the claims under review can still be approved for (each capped by its reserve).
    pub claims_under_review: u64,
    /// Worst case of every Ongoing liquidation cover, reserved when it was sold.
    pub covers_reserved: u64,
}

impl Liabilities {
    pub fn total(&self) -> Result<u64> {
        self.commission_owed
            .safe_add(self.refunds_owed)?
            .safe_add(self.vesting_owed)?
            .safe_add(self.claims_under_review)?
            .safe_add(self.covers_reserved)
    }
}

/// The vault against what is owed, as of the last instruction that moved money or promises.
/// Tokens sent to the vault directly show up at the next such instruction.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Solvency {
    pub vault_balance: u64,
    /// `vault_balance − Σ liabilities`: what can back new liquidation covers or be withdrawn.
    pub free_capital: u64,
}

/// Running totals an auditor can reconcile against events and token balances.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolTotals {
    pub users_registered: u64,
    pub markets: u16,
    pub policies_sold: u64,
    pub premiums_collected: u64,
    pub commission_accrued: u64,
    pub commission_claimed: u64,
    pub capital_deposited: u64,
    pub surplus_withdrawn: u64,
    pub policies_settled: u64,
    pub policies_voided: u64,
    pub policies_compensated: u64,
    /// Hashrate credits owed as compensation (minted at once, or deferred and claimed later).
    pub compensation_credits: u64,
    /// Compensation credits that could not be minted to the owner's account and wait in
    /// `UserAccount::credits_owed`.
    pub credits_deferred: u64,
    pub credits_claimed: u64,
    pub rebates_accrued: u64,
    pub rebates_claimed: u64,
    pub liquidation_covers_sold: u64,
    /// Insured amounts paid into the vault for liquidation cover.
    pub liquidation_insured_collected: u64,
    pub liquidation_refunds_paid: u64,
    pub liquidation_claims_approved: u64,
    pub liquidation_claims_rejected: u64,
    pub liquidation_compensation_approved: u64,
    pub liquidation_vested_paid: u64,
}

/// One insurance pool per premium mint. The pool PDA is the vault's token authority and the
/// hashrate-credit mint authority.
#[account]
#[derive(InitSpace, Debug)]
pub struct Pool {
    pub version: u8,
    pub bump: u8,
    pub credit_mint_bump: u8,
    /// Pause stops new purchases only; settlement, claims and refunds keep working.
    pub paused: bool,
    pub admin: Pubkey,
    /// Set by `propose_admin`, cleared by `accept_admin`.
    pub pending_admin: Option<Pubkey>,
    pub roles: PoolRoles,
    pub premium_mint: Pubkey,
    pub premium_decimals: u8,
    /// SPL Token or Token-2022; the credit mint uses the same program.
    pub token_program: Pubkey,
    /// Associated token account of the pool PDA for the premium mint.
    pub vault: Pubkey,
    /// Hashrate-credit mint (PDA, decimals = premium decimals, authority = pool PDA).
    pub credit_mint: Pubkey,
    pub config: PoolConfig,
    /// Level table, row `i` = level `i`.
    #[max_len(MAX_LEVELS)]
    pub levels: Vec<Level>,
    pub liabilities: Liabilities,
    pub solvency: Solvency,
    pub totals: PoolTotals,
}

impl Pool {
    /// Seeds for signing as the pool PDA (vault transfers, credit mints).
    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [POOL_SEED, self.premium_mint.as_ref(), std::slice::from_ref(&self.bump)]
    }

    /// Vault balance above everything owed; zero if the vault is short.
    pub fn surplus(&self, vault_balance: u64) -> Result<u64> {
        Ok(vault_balance.saturating_sub(self.liabilities.total()?))
    }

    /// Records the vault balance an instruction ended with (see [`Solvency`]).
    pub fn record_solvency(&mut self, vault_balance: u64) -> Result<()> {
        self.solvency = Solvency { vault_balance, free_capital: self.surplus(vault_balance)? };
        Ok(())
    }

    pub fn accrue_commission(&mut self, amount: u64) -> Result<()> {
        self.liabilities.commission_owed = self.liabilities.commission_owed.safe_add(amount)?;
        self.totals.commission_accrued = self.totals.commission_accrued.safe_add(amount)?;
        Ok(())
    }

    /// Seeds of the credit-mint authority (the pool PDA).
    pub fn credit_mint_authority_seeds(&self) -> [&[u8]; 3] {
        self.signer_seeds()
    }

    pub fn settle_commission_claim(&mut self, amount: u64) -> Result<()> {
        self.liabilities.commission_owed = self.liabilities.commission_owed.safe_sub(amount)?;
        self.totals.commission_claimed = self.totals.commission_claimed.safe_add(amount)?;
        Ok(())
    }
}
