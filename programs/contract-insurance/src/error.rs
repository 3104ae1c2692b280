//! Every rejection has its own code so clients, tests and auditors can tell causes apart.

use anchor_lang::prelude::*;

#[error_code]
pub enum CipError {
    // --- roles -------------------------------------------------------------------------------
    #[msg("Signer is not the pool admin")]
    NotAdmin,
    #[msg("Signer is not the proposed admin")]
    NotPendingAdmin,
    #[msg("No admin transfer is pending")]
    NoPendingAdmin,
    #[msg("Signer is not the pool reporter")]
    NotReporter,
    #[msg("Signer is not the pool oracle authority")]
    NotOracleAuthority,
    #[msg("Signer is not the pool reviewer")]
    NotReviewer,
    #[msg("Signer does not own this account")]
    NotOwner,
    #[msg("A role key must not be the default (all-zero) pubkey")]
    InvalidRoleKey,
    #[msg("Role keys must be separate keys: no two roles, and no role and the admin, may share one")]
    RoleKeysNotDistinct,
    #[msg("Only the program's deployer (its upgrade authority, or the build-time pool creator) may create a pool")]
    NotPoolCreator,
    #[msg("This deployment has no pool creator: build with CIP_POOL_CREATOR or keep an upgrade authority")]
    PoolCreatorNotConfigured,
    #[msg("The program account passed is not this program")]
    ProgramAccountMismatch,

    // --- pool state ----------------------------------------------------------------------------
    #[msg("The pool is paused: new purchases are not accepted")]
    PoolPaused,
    #[msg("The pool is already in the requested pause state")]
    PauseStateUnchanged,
    #[msg("The account is already initialized")]
    AccountAlreadyInitialized,
    #[msg("The premium mint uses a Token-2022 extension the pool cannot account for")]
    UnsupportedMintExtension,
    #[msg("Account belongs to a different pool")]
    PoolMismatch,
    #[msg("Token account or mint does not match the pool")]
    TokenAccountMismatch,
    #[msg("Token program does not match the pool")]
    TokenProgramMismatch,
    #[msg(
        "The pool's vault address holds an account that is not the pool's token account for the premium mint"
    )]
    VaultAccountInvalid,

    // --- config validation ---------------------------------------------------------------------
    #[msg("Premium tier count must be between 1 and the maximum")]
    InvalidTierCount,
    #[msg("A premium tier needs 0 < step, min and max multiples of step, and min <= max")]
    InvalidTier,
    #[msg("Premium tiers must be ascending and must not overlap")]
    TiersNotAscending,
    #[msg("Trigger multiplier must be at least 1")]
    InvalidTriggerMultiplier,
    #[msg("Payout ratio must be between 1 and 10 000 bps")]
    InvalidPayoutRatio,
    #[msg("Policy duration must be positive and at most 30 days")]
    InvalidPolicyDuration,
    #[msg("Max referral depth must be between 1 and the hard cap of 20")]
    InvalidMaxDepth,
    #[msg("Level table must have between 1 and 11 levels")]
    InvalidLevelCount,
    #[msg("Level 0 must have a team-volume threshold of 0")]
    LevelZeroThresholdNotZero,
    #[msg("Level thresholds must be strictly ascending")]
    LevelThresholdsNotAscending,
    #[msg("A rate must not exceed 10 000 bps")]
    RateAboveMaximum,
    #[msg("Rates must not decrease as the level rises")]
    RatesDecreasing,
    #[msg("Price staleness bound must be between 1 s and 1 h")]
    InvalidStaleness,
    #[msg("Confidence bound must be between 1 and 10 000 bps")]
    InvalidConfidenceBound,
    #[msg("Hashrate-per-USDT rate must be positive")]
    InvalidHashrateRate,
    #[msg("Settlement grace must be at least twice the staleness bound and at most 7 days")]
    InvalidSettlementGrace,
    #[msg("Observation spacing must be between 1 s and the staleness bound")]
    InvalidObservationSpacing,
    #[msg("Liquidation-cover config is out of range")]
    InvalidLiquidationConfig,
    #[msg("Ratio tiers must be 1 to 4, ascending, at most 100 %, ending unbounded")]
    InvalidRatioTiers,
    #[msg("Compensation ratios must not rise as cumulative usage grows")]
    RatioTiersIncreasing,

    // --- markets and oracles ------------------------------------------------------------------
    #[msg("Market decimals are out of range (size and price decimals at most 12)")]
    InvalidMarketDecimals,
    #[msg("A market's quote (P&L) decimals must equal the premium mint's decimals")]
    QuoteDecimalsMismatch,
    #[msg("Pyth feed id must not be all zeros")]
    InvalidFeedId,
    #[msg("Market is not active")]
    MarketInactive,
    #[msg("Oracle account does not belong to this market")]
    OracleAccountMismatch,
    #[msg("Oracle account is owned by the wrong program")]
    OracleWrongOwner,
    #[msg("Oracle account could not be decoded")]
    OracleInvalidData,
    #[msg("Pyth price update is for a different feed")]
    OracleFeedMismatch,
    #[msg("Pyth price update is not fully verified")]
    OracleNotFullyVerified,
    #[msg("Price must be positive")]
    PriceNotPositive,
    #[msg("Price confidence interval is wider than the pool allows")]
    PriceConfidenceTooWide,
    #[msg("Price is older than the staleness bound")]
    PriceStale,
    #[msg("No guarded price was recorded within the staleness bound of the policy's end; the fallback applies after the settlement grace")]
    NoPriceNearTime,
    #[msg("Publish time is in the future")]
    PublishTimeInFuture,
    #[msg("Price exponent cannot be represented in the market's decimals")]
    PriceExponentOutOfRange,
    #[msg("Market is not priced by the oracle authority")]
    NotAuthorityMarket,
    #[msg("Market is not priced by Pyth")]
    NotPythMarket,
    #[msg("A market's decimals can only change while it has no open positions")]
    MarketHasOpenPositions,
    #[msg("Observation is not newer than the feed's latest one")]
    ObservationNotNewer,
    #[msg("Observation comes sooner after the previous one than the pool's minimum spacing")]
    ObservationTooSoon,
    #[msg("Market account does not match the position")]
    MarketMismatch,

    // --- registration and levels --------------------------------------------------------------
    #[msg("A wallet cannot refer itself")]
    SelfReferral,
    #[msg("Referrer is not a registered referral node")]
    ReferrerNotRegistered,
    #[msg("Level is above the pool's level table")]
    InvalidLevel,
    #[msg("The admin-assigned level is already this value")]
    LevelUnchanged,

    // --- purchase -------------------------------------------------------------------------------
    #[msg("Premium must be greater than zero")]
    PremiumZero,
    #[msg("Premium is below the lowest tier")]
    PremiumBelowMinimum,
    #[msg("Premium is above the highest tier")]
    PremiumAboveMaximum,
    #[msg("Premium falls between two tiers")]
    PremiumBetweenTiers,
    #[msg("Premium is not a multiple of its tier's step")]
    PremiumOffStep,
    #[msg("Trader has open positions: cover must be bought before opening positions")]
    TraderHasOpenPositions,
    #[msg("Trader already has an active or compensating policy")]
    PolicyAlreadyActive,

    // --- positions --------------------------------------------------------------------------
    #[msg("Size must be greater than zero")]
    ZeroSize,
    #[msg("Price must be greater than zero")]
    ZeroPrice,
    #[msg("Close or liquidation size exceeds the open size")]
    CloseExceedsSize,
    #[msg("The trader's active policy (or the position's policy) must be passed")]
    PolicyAccountRequired,
    #[msg("Policy account is not the one this trader or position refers to")]
    PolicyAccountMismatch,
    #[msg("Position belongs to another trader")]
    PositionOwnerMismatch,
    #[msg("Venue event time is in the future")]
    EventTimeInFuture,
    #[msg("Venue event time is before the position's previous event")]
    EventTimeBeforePrevious,
    #[msg("Position notional (size × price) is above the program's bound")]
    PositionTooLarge,
    #[msg("The policy's exposure account for this market must be passed")]
    ExposureAccountRequired,
    #[msg("Exposure account is not this policy's exposure in this market")]
    ExposureMismatch,

    // --- settlement and compensation ----------------------------------------------------------
    #[msg("Policy is not active")]
    PolicyNotActive,
    #[msg("Policy window has not ended yet")]
    PolicyNotExpired,
    #[msg("Policy window has ended: early settlement is no longer possible")]
    PolicyWindowEnded,
    #[msg("Settlement opens once the staleness window after the policy's end has closed")]
    SettlementNotOpen,
    #[msg("Settlement accounts must come in (policy exposure, mark-price feed) pairs")]
    SettlementAccountsMalformed,
    #[msg("Exposure does not belong to this policy")]
    ExposureNotInPolicy,
    #[msg("Exposure has already been valued")]
    ExposureAlreadyValued,
    #[msg("Position is not attached to this policy")]
    PositionNotInPolicy,
    #[msg("The position's loss is below the policy trigger")]
    LossBelowTrigger,
    #[msg("Policy is not awaiting compensation")]
    PolicyNotCompensating,
    #[msg("Account is not the policy owner's")]
    PolicyOwnerMismatch,
    #[msg("Policy index is not the trader's next policy index")]
    PolicyIndexMismatch,

    // --- liquidation cover --------------------------------------------------------------------
    #[msg("Market does not offer liquidation cover")]
    LiquidationCoverNotOffered,
    #[msg("Lead (elite) traders cannot buy liquidation cover")]
    LeadTraderExcluded,
    #[msg("Cover index is not the trader's next cover index")]
    CoverIndexMismatch,
    #[msg("Order quantity and margin must be greater than zero")]
    InvalidOrder,
    #[msg("Insured amount is below the minimum")]
    InsuredBelowMinimum,
    #[msg("Insured amount is above the per-order quota")]
    PerOrderQuotaExceeded,
    #[msg("Insured amount exceeds the margin")]
    InsuredAboveMargin,
    #[msg("Daily liquidation-cover quota exceeded")]
    DailyQuotaExceeded,
    #[msg("Cumulative liquidation-cover quota exceeded")]
    CumulativeQuotaExceeded,
    #[msg("Cover is ongoing on the opposite side of this market")]
    OppositeDirectionOngoing,
    #[msg("Cover is not ongoing")]
    CoverNotOngoing,
    #[msg("Quantity exceeds the order's unfilled quantity")]
    QuantityExceedsUnfilled,
    #[msg("Cancel the order's unfilled quantity first")]
    OrderHasUnfilledQuantity,
    #[msg("Position does not match the cover's owner, market or side")]
    CoverPositionMismatch,
    #[msg("Liquidated quantity must be positive and at most the filled quantity")]
    InvalidLiquidationQuantity,
    #[msg("Claim is not under review")]
    ClaimNotUnderReview,
    #[msg("The review deadline has passed: the claim can only be finalised as approved")]
    ReviewDeadlinePassed,
    #[msg("The review deadline has not passed yet")]
    ReviewDeadlineNotReached,
    #[msg("Nothing has vested that is not already claimed")]
    NothingVested,
    #[msg("The reward vault cannot pay this now; it stays owed and can be claimed later")]
    VaultShortOfFunds,
    #[msg("The lead-trader flag already has this value")]
    LeadTraderUnchanged,

    // --- mining pool -------------------------------------------------------------------------
    #[msg("Mining parameters are out of range (end time must be in the future, cool-down 0 to 365 days)")]
    InvalidMiningParams,
    #[msg("This mining pool does not allow unstaking")]
    UnstakeDisabled,
    #[msg("The unstake cool-down after the last stake has not passed")]
    UnstakeCooldownActive,
    #[msg("Amount exceeds the staked balance")]
    InsufficientStake,
    #[msg("Amount exceeds the rewards not yet emitted to miners")]
    WithdrawExceedsUnemitted,

    // --- referral walk ------------------------------------------------------------------------
    #[msg("Wrong number of upline accounts: exactly min(depth, max_depth) are required")]
    UplineCountMismatch,
    #[msg("Upline account is not owned by this program")]
    UplineNotProgramOwned,
    #[msg("Upline account is not a referral node")]
    UplineWrongAccountType,
    #[msg("Upline account is not the referrer of the previous node")]
    UplineLinkMismatch,
    #[msg("Upline account must be writable")]
    UplineNotWritable,

    // --- claims and treasury ------------------------------------------------------------------
    #[msg("Nothing to claim")]
    NothingToClaim,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Withdrawal exceeds the vault surplus over what is owed")]
    WithdrawExceedsSurplus,
    #[msg("The vault would hold less than everything the pool owes and has reserved")]
    VaultBelowLiabilities,
    #[msg("The pool's free capital cannot reserve this cover's worst case: add capital first")]
    InsufficientCapacity,

    // --- account lifecycle --------------------------------------------------------------------
    #[msg("Policy is not finished (Completed) yet")]
    PolicyNotFinished,
    #[msg("Close the policy's exposure accounts first")]
    PolicyExposuresOpen,
    #[msg("Exposure is neither valued nor left behind by a finished policy")]
    ExposureNotFinished,
    #[msg("Cover is not finished: not completed, or a refund or vesting tranche is still owed")]
    CoverNotFinished,
    #[msg("The trader still has ongoing covers on this market")]
    MarketExposureInUse,
    #[msg("Miner still has stake or unclaimed rewards")]
    MinerNotEmpty,
    #[msg("Rent recipient is not the account's original payer")]
    RentRecipientMismatch,

    // --- math ---------------------------------------------------------------------------------
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Division by zero")]
    DivisionByZero,
    #[msg("Numeric conversion out of range")]
    CastOverflow,
}
