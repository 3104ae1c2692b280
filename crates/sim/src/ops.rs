//! Operations of a run. Every parameter is concrete (users, markets, policies and covers by their
//! stable numbers), so any list of operations replays: an operation that names something that does
//! not exist in the replay is skipped, and everything else is predicted by the model (success, or
//! the exact error code). That is what makes shrinking work.

use contract_insurance::state::{Level, MarketParams, MiningParams, PoolConfig, Side};
use contract_insurance::InsuredAmount;

/// How a referral walk's upline accounts are passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uplines {
    Exact,
    /// One too few (the last dropped) or one too many (the buyer's own node appended).
    Missing,
    Extra,
    /// The first two swapped.
    Swapped,
    /// The first one read-only.
    ReadOnly,
    /// The first one replaced by its owner's user account (program-owned, wrong type).
    WrongType,
    /// The first one replaced by a system-owned address.
    Foreign,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegisterBad {
    None,
    /// The wallet names its own node as referrer.
    SelfReferral,
    /// The referrer is a wallet that never registered.
    Unregistered,
    /// An existing user registers again.
    Again(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Moves the clock (no transaction).
    Advance {
        secs: i64,
    },
    Register {
        referrer: Option<u32>,
        bad: RegisterBad,
    },
    Buy {
        user: u32,
        premium: u64,
        index_ahead: bool,
        uplines: Uplines,
    },
    /// `id` is the venue's position id; `back` is how long before now the venue opened it.
    Open {
        user: u32,
        market: u8,
        id: u64,
        side: Side,
        size: u64,
        price: u64,
        margin: u64,
        back: i64,
        policy: PolicyPass,
        wrong_signer: bool,
    },
    Increase {
        user: u32,
        id: u64,
        size: u64,
        price: u64,
        margin: u64,
        back: i64,
        wrong_signer: bool,
    },
    Reduce {
        user: u32,
        id: u64,
        liquidation: bool,
        size: u64,
        price: u64,
        fee: u64,
        back: i64,
        wrong_signer: bool,
    },
    Post {
        market: u8,
        price: i64,
        conf: u64,
        back: i64,
        wrong_signer: bool,
    },
    Pyth {
        market: u8,
        price: i64,
        conf: u64,
        back: i64,
    },
    GetMark {
        market: u8,
    },
    /// Settles with `take` of the policy's unvalued exposures (in market order, from `skip`).
    Settle {
        user: u32,
        index: u64,
        skip: u32,
        take: u32,
        bad: SettleBad,
    },
    Early {
        user: u32,
        index: u64,
        position: u64,
        open: bool,
        wrong_signer: bool,
    },
    Compensate {
        user: u32,
        index: u64,
        uplines: Uplines,
    },
    ClaimCommission {
        user: u32,
    },
    ClaimRebate {
        user: u32,
    },
    ClaimCredits {
        user: u32,
    },
    BuyCover {
        user: u32,
        market: u8,
        side: Side,
        qty: u64,
        margin: u64,
        insured: InsuredAmount,
        index_ahead: bool,
    },
    Fill {
        user: u32,
        cover: u64,
        position: u64,
        qty: u64,
        wrong_signer: bool,
    },
    Cancel {
        user: u32,
        cover: u64,
        qty: u64,
        pay_now: bool,
        wrong_signer: bool,
    },
    CloseOrder {
        user: u32,
        cover: u64,
        wrong_signer: bool,
    },
    Liquidate {
        user: u32,
        cover: u64,
        qty: u64,
        loss: u64,
        wrong_signer: bool,
    },
    Review {
        user: u32,
        cover: u64,
        approve: bool,
        wrong_signer: bool,
    },
    Finalize {
        user: u32,
        cover: u64,
    },
    ClaimVested {
        user: u32,
        cover: u64,
        wrong_signer: bool,
    },
    ClaimRefund {
        user: u32,
        cover: u64,
    },
    Stake {
        user: u32,
        amount: u64,
    },
    Unstake {
        user: u32,
        amount: u64,
    },
    ClaimRewards {
        user: u32,
    },
    FundRewards {
        amount: u64,
        wrong_signer: bool,
    },
    WithdrawRewards {
        amount: u64,
    },
    UpdateMining {
        params: MiningParams,
        wrong_signer: bool,
    },
    Deposit {
        amount: u64,
    },
    WithdrawSurplus {
        amount: u64,
        wrong_signer: bool,
    },
    /// Premium tokens sent straight to the vault (no instruction of the program).
    Donate {
        amount: u64,
    },
    UpdateConfig {
        config: Box<PoolConfig>,
        wrong_signer: bool,
    },
    UpdateLevels {
        levels: Vec<Level>,
    },
    SetPaused {
        paused: bool,
    },
    AssignLevel {
        user: u32,
        level: u8,
        wrong_signer: bool,
    },
    SetLead {
        user: u32,
        flag: bool,
    },
    /// `staff` indexes the simulation's spare keys (`None`: the default key).
    ProposeAdmin {
        staff: Option<u8>,
    },
    AcceptAdmin {
        staff: u8,
    },
    SetRoles {
        roles: [Option<u8>; 3],
    },
    AddMarket {
        id: u16,
        params: MarketParams,
    },
    UpdateMarket {
        market: u8,
        params: MarketParams,
    },
    ClosePolicy {
        user: u32,
        index: u64,
    },
    ClosePolicyExposure {
        user: u32,
        index: u64,
        market: u8,
    },
    CloseCover {
        user: u32,
        cover: u64,
    },
    CloseMarketExposure {
        user: u32,
        market: u8,
    },
    CloseMiner {
        user: u32,
    },
    /// The user hands their associated credit account to another wallet (SPL SetAuthority), so
    /// compensation cannot be minted there and is deferred.
    ReassignCredit {
        user: u32,
    },
    /// An account substituted for the right one (`user` is the one acting, `other` another user,
    /// `index` a policy index or position id, `market` a market number, as the kind needs).
    Wrong {
        kind: Wrong,
        user: u32,
        other: u32,
        index: u64,
        market: u8,
    },
}

/// Account substitutions, each with its own error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrong {
    /// Commission claimed to a credit-mint account.
    CommissionToCreditAccount,
    /// A policy paid for from a credit-mint account.
    PremiumFromCreditAccount,
    /// A position report with another trader's user account.
    ReportWithOthersUser,
    /// Compensation with another wallet as the policy's owner.
    CompensateOthersOwner,
    /// A policy closed with its rent sent to another wallet.
    CloseToOthersOwner,
    /// Settlement with an odd number of remaining accounts.
    SettleOddAccounts,
    /// Early settlement naming a position with another market's account.
    EarlyWithOtherMarket,
    /// A Pyth update of another feed id.
    PythOtherFeed,
    /// A Pyth update that is only partially verified.
    PythPartiallyVerified,
    /// A "Pyth update" account not owned by the receiver program.
    PythNotReceiverOwned,
}

/// Which policy account a position open passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyPass {
    /// The user's active policy, if any (what a correct reporter does).
    Active,
    /// None even though one is active.
    Omit,
    /// The user's policy `index` (an old one).
    Other(u64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettleBad {
    None,
    /// The first pair's feed is another market's feed.
    WrongFeed,
    /// The first pair passed twice.
    Duplicate,
    /// An exposure already valued is added.
    Valued,
}

impl Op {
    /// Every user number the operation names (for renumbering while shrinking).
    pub fn user_refs(&mut self) -> Vec<&mut u32> {
        match self {
            Op::Register { referrer, bad } => {
                let mut refs: Vec<&mut u32> = referrer.iter_mut().collect();
                if let RegisterBad::Again(user) = bad {
                    refs.push(user);
                }
                refs
            }
            Op::Buy { user, .. }
            | Op::Open { user, .. }
            | Op::Increase { user, .. }
            | Op::Reduce { user, .. }
            | Op::Settle { user, .. }
            | Op::Early { user, .. }
            | Op::Compensate { user, .. }
            | Op::ClaimCommission { user }
            | Op::ClaimRebate { user }
            | Op::ClaimCredits { user }
            | Op::BuyCover { user, .. }
            | Op::Fill { user, .. }
            | Op::Cancel { user, .. }
            | Op::CloseOrder { user, .. }
            | Op::Liquidate { user, .. }
            | Op::Review { user, .. }
            | Op::Finalize { user, .. }
            | Op::ClaimVested { user, .. }
            | Op::ClaimRefund { user, .. }
            | Op::Stake { user, .. }
            | Op::Unstake { user, .. }
            | Op::ClaimRewards { user }
            | Op::AssignLevel { user, .. }
            | Op::SetLead { user, .. }
            | Op::ClosePolicy { user, .. }
            | Op::ClosePolicyExposure { user, .. }
            | Op::CloseCover { user, .. }
            | Op::CloseMarketExposure { user, .. }
            | Op::CloseMiner { user }
            | Op::ReassignCredit { user } => vec![user],
            Op::Wrong { user, other, .. } => vec![user, other],
            _ => vec![],
        }
    }

    /// The list without the user the `register`-th successful registration created: operations
    /// naming that user are dropped, later users renumbered.
    pub fn without_user(ops: &[Op], register: usize) -> Option<Vec<Op>> {
        let mut count = 0u32;
        let mut removed = None;
        let mut out = Vec::with_capacity(ops.len());
        for (position, op) in ops.iter().enumerate() {
            let mut op = op.clone();
            if let Op::Register { bad: RegisterBad::None, .. } = op {
                if position == register {
                    removed = Some(count);
                    continue;
                }
                count += 1;
            }
            if let Some(gone) = removed {
                if let Op::Register { referrer, .. } = &mut op {
                    // A registration under the removed user registers without a referrer.
                    if *referrer == Some(gone) {
                        *referrer = None;
                    }
                }
                let mut names_gone = false;
                for user in op.user_refs() {
                    if *user == gone {
                        names_gone = true;
                    } else if *user > gone {
                        *user -= 1;
                    }
                }
                if names_gone {
                    continue;
                }
            }
            out.push(op);
        }
        removed.map(|_| out)
    }

    /// The program instruction this operation sends (for coverage), if any.
    pub fn instruction(&self) -> Option<&'static str> {
        Some(match self {
            Op::Advance { .. } | Op::Donate { .. } | Op::ReassignCredit { .. } => return None,
            Op::Register { .. } => "register",
            Op::Buy { .. } => "buy_policy",
            Op::Open { .. } => "open_position",
            Op::Increase { .. } => "increase_position",
            Op::Reduce { liquidation: false, .. } => "close_position",
            Op::Reduce { liquidation: true, .. } => "liquidate_position",
            Op::Post { .. } => "post_mark_price",
            Op::Pyth { .. } => "record_pyth_price",
            Op::GetMark { .. } => "get_mark_price",
            Op::Settle { .. } => "settle_policy",
            Op::Early { .. } => "request_early_settlement",
            Op::Compensate { .. } => "issue_compensation",
            Op::ClaimCommission { .. } => "claim_commission",
            Op::ClaimRebate { .. } => "claim_rebate",
            Op::ClaimCredits { .. } => "claim_credits",
            Op::BuyCover { .. } => "buy_liquidation_cover",
            Op::Fill { .. } => "report_order_fill",
            Op::Cancel { .. } => "cancel_order_remainder",
            Op::CloseOrder { .. } => "close_order_cover",
            Op::Liquidate { .. } => "report_liquidation",
            Op::Review { .. } => "review_claim",
            Op::Finalize { .. } => "finalize_claim",
            Op::ClaimVested { .. } => "claim_vested",
            Op::ClaimRefund { .. } => "claim_refund",
            Op::Stake { .. } => "stake",
            Op::Unstake { .. } => "unstake",
            Op::ClaimRewards { .. } => "claim_rewards",
            Op::FundRewards { .. } => "fund_rewards",
            Op::WithdrawRewards { .. } => "withdraw_rewards",
            Op::UpdateMining { .. } => "update_mining_params",
            Op::Deposit { .. } => "deposit_capital",
            Op::WithdrawSurplus { .. } => "withdraw_surplus",
            Op::UpdateConfig { .. } => "update_config",
            Op::UpdateLevels { .. } => "update_levels",
            Op::SetPaused { .. } => "set_paused",
            Op::AssignLevel { .. } => "assign_level",
            Op::SetLead { .. } => "set_lead_trader",
            Op::ProposeAdmin { .. } => "propose_admin",
            Op::AcceptAdmin { .. } => "accept_admin",
            Op::SetRoles { .. } => "set_roles",
            Op::AddMarket { .. } => "add_market",
            Op::UpdateMarket { .. } => "update_market",
            Op::ClosePolicy { .. } => "close_policy",
            Op::ClosePolicyExposure { .. } => "close_policy_exposure",
            Op::CloseCover { .. } => "close_liquidation_cover",
            Op::CloseMarketExposure { .. } => "close_market_exposure",
            Op::CloseMiner { .. } => "close_miner",
            Op::Wrong { kind, .. } => match kind {
                Wrong::CommissionToCreditAccount => "claim_commission",
                Wrong::PremiumFromCreditAccount => "buy_policy",
                Wrong::ReportWithOthersUser => "close_position",
                Wrong::CompensateOthersOwner => "issue_compensation",
                Wrong::CloseToOthersOwner => "close_policy",
                Wrong::SettleOddAccounts => "settle_policy",
                Wrong::EarlyWithOtherMarket => "request_early_settlement",
                Wrong::PythOtherFeed | Wrong::PythPartiallyVerified | Wrong::PythNotReceiverOwned => {
                    "record_pyth_price"
                }
            },
        })
    }
}
