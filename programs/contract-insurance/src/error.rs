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
    #[msg("Covered positions per policy must be between 1 and 16")]
    InvalidCoveredPositions,
    #[msg("Liquidation-cover config is out of range")]
    InvalidLiquidationConfig,
    #[msg("Ratio tiers must be 1 to 4, ascending, at most 100 %, ending unbounded")]
    InvalidRatioTiers,

    // --- markets and oracles ------------------------------------------------------------------
    #[msg("Market decimals are out of range")]
    InvalidMarketDecimals,
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
    #[msg("No price was published within the staleness bound of the requested time")]
    NoPriceNearTime,
    #[msg("Publish time is in the future")]
    PublishTimeInFuture,
    #[msg("Price exponent cannot be represented in the market's decimals")]
    PriceExponentOutOfRange,
    #[msg("Market is not priced by the oracle authority")]
    NotAuthorityMarket,
    #[msg("A market's decimals cannot change once positions may reference them")]
    MarketDecimalsImmutable,
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
    #[msg("The position's policy has ended and must be settled before the position changes")]
    PolicySettlementDue,
    #[msg("Position belongs to another trader")]
    PositionOwnerMismatch,

    // --- settlement and compensation ----------------------------------------------------------
    #[msg("Policy is not active")]
    PolicyNotActive,
    #[msg("Policy window has not ended yet")]
    PolicyNotExpired,
    #[msg("Policy window has ended: early settlement is no longer possible")]
    PolicyWindowEnded,
    #[msg("Settlement accounts must come in (position, market, oracle) triples")]
    SettlementAccountsMalformed,
    #[msg("Every open position of the policy must be passed, and nothing else")]
    SettlementPositionCountMismatch,
    #[msg("Position is not attached to this policy")]
    PositionNotInPolicy,
    #[msg("Position passed more than once")]
    DuplicatePosition,
    #[msg("The position's loss is below the policy trigger")]
    LossBelowTrigger,
    #[msg("Policy is not awaiting compensation")]
    PolicyNotCompensating,
    #[msg("Account is not the policy owner's")]
    PolicyOwnerMismatch,

    // --- liquidation cover --------------------------------------------------------------------
    #[msg("Market does not offer liquidation cover")]
    LiquidationCoverNotOffered,
    #[msg("Lead (elite) traders cannot buy liquidation cover")]
    LeadTraderExcluded,
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
    #[msg("The vault cannot pay this now; it stays owed and can be claimed later")]
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
    #[msg("Vault balance is below what is owed")]
    VaultInsolvent,

    // --- math ---------------------------------------------------------------------------------
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Division by zero")]
    DivisionByZero,
    #[msg("Numeric conversion out of range")]
    CastOverflow,
}
