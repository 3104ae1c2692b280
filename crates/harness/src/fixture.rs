//! A ready pool on the embedded runtime: premium mint, roles, pool, and helpers to register
//! traders, resolve upline chains and buy cover. Tests, the scenario runner and the benchmarks
//! all start from here.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::system_instruction;
use anchor_spl::associated_token::{
    get_associated_token_address_with_program_id,
    spl_associated_token_account::instruction as ata_instruction,
};
use anchor_spl::token_2022::spl_token_2022::{
    self, extension::ExtensionType, instruction as token_instruction,
};
use contract_insurance::presets::{default_config, LevelPreset};
use contract_insurance::state::*;
use contract_insurance::InitializePoolArgs;
use solana_sdk::{
    instruction::Instruction,
    signature::{Keypair, Signer},
};

use crate::chain::{Chain, Receipt, TxResult};
use crate::ix::{self, PoolKeys};
use crate::pda;

/// How to build a pool. Defaults: 6-decimal SPL Token premium mint, preset A, spec defaults.
#[derive(Clone, Debug)]
pub struct PoolOptions {
    pub decimals: u8,
    pub token_program: Pubkey,
    pub preset: LevelPreset,
    /// Overrides the preset's default config.
    pub config: Option<PoolConfig>,
    /// Overrides the preset's level table.
    pub levels: Option<Vec<Level>>,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions {
            decimals: 6,
            token_program: anchor_spl::token::ID,
            preset: LevelPreset::A,
            config: None,
            levels: None,
        }
    }
}

impl PoolOptions {
    pub fn preset(preset: LevelPreset) -> Self {
        PoolOptions { preset, ..Self::default() }
    }

    pub fn resolved_config(&self) -> PoolConfig {
        self.config.clone().unwrap_or_else(|| default_config(self.decimals, self.preset))
    }

    pub fn resolved_levels(&self) -> Vec<Level> {
        self.levels.clone().unwrap_or_else(|| self.preset.levels(self.decimals))
    }
}

/// A registered trader: wallet, funded premium token account, user and referral node.
pub struct Trader {
    pub wallet: Keypair,
    pub token: Pubkey,
    pub user: Pubkey,
    pub node: Pubkey,
}

impl Trader {
    pub fn key(&self) -> Pubkey {
        self.wallet.pubkey()
    }
}

/// A position the fixture opened (the runtime has no account index to search).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrackedPosition {
    pub owner: Pubkey,
    pub position_id: u64,
    pub position: Pubkey,
    pub market: Pubkey,
}

pub struct PoolFixture {
    pub chain: Chain,
    pub admin: Keypair,
    pub reporter: Keypair,
    pub oracle_authority: Keypair,
    pub reviewer: Keypair,
    pub mint_authority: Keypair,
    pub keys: PoolKeys,
    pub decimals: u8,
    pub options: PoolOptions,
    /// Positions opened through the fixture, in order.
    pub positions: Vec<TrackedPosition>,
    /// Markets added through the fixture, in order.
    pub markets: Vec<Pubkey>,
}

impl PoolFixture {
    pub async fn new() -> Self {
        Self::with_options(PoolOptions::default()).await
    }

    /// Starts a runtime, creates the premium mint and initializes the pool.
    pub async fn with_options(options: PoolOptions) -> Self {
        let mut fixture = Self::without_pool(options).await;
        let init = ix::initialize_pool(&fixture.admin.pubkey(), &fixture.keys, fixture.init_args());
        fixture.send_as_admin(init).await.expect("initialize_pool");
        fixture
    }

    /// Like [`PoolFixture::with_options`], with the program's native `msg!` output silenced from
    /// the start (for the scenario runner and benchmarks; not for parallel tests).
    pub async fn quiet(options: PoolOptions) -> Self {
        let mut fixture = Self::without_pool(options).await;
        fixture.chain.set_quiet(true);
        let init = ix::initialize_pool(&fixture.admin.pubkey(), &fixture.keys, fixture.init_args());
        fixture.send_as_admin(init).await.expect("initialize_pool");
        fixture
    }

    /// Runtime, roles and premium mint, but no pool yet (for initialization tests).
    pub async fn without_pool(options: PoolOptions) -> Self {
        let mut chain = Chain::start().await;
        let admin = chain.funded_keypair(100).await;
        let reporter = chain.funded_keypair(10).await;
        let oracle_authority = chain.funded_keypair(10).await;
        let reviewer = chain.funded_keypair(10).await;
        let mint_authority = chain.funded_keypair(10).await;
        let mint = create_mint(&mut chain, &mint_authority, options.decimals, &options.token_program).await;
        PoolFixture {
            chain,
            keys: PoolKeys::new(mint, options.token_program),
            admin,
            reporter,
            oracle_authority,
            reviewer,
            mint_authority,
            decimals: options.decimals,
            options,
            positions: Vec::new(),
            markets: Vec::new(),
        }
    }

    pub fn init_args(&self) -> InitializePoolArgs {
        InitializePoolArgs {
            roles: self.roles(),
            config: self.options.resolved_config(),
            levels: self.options.resolved_levels(),
        }
    }

    pub fn roles(&self) -> PoolRoles {
        PoolRoles {
            reporter: self.reporter.pubkey(),
            oracle_authority: self.oracle_authority.pubkey(),
            reviewer: self.reviewer.pubkey(),
        }
    }

    /// `whole` USDT in base units.
    pub fn usdt(&self, whole: u64) -> u64 {
        whole * 10u64.pow(u32::from(self.decimals))
    }

    // --- reading state ----------------------------------------------------------------------

    pub async fn pool(&mut self) -> Pool {
        let key = self.keys.pool;
        self.chain.fetch(&key).await
    }

    pub async fn vault_balance(&mut self) -> u64 {
        let key = self.keys.vault;
        self.chain.token_balance(&key).await
    }

    pub async fn node(&mut self, wallet: &Pubkey) -> ReferralNode {
        let key = pda::referral_node(&self.keys.pool, wallet);
        self.chain.fetch(&key).await
    }

    pub async fn user(&mut self, wallet: &Pubkey) -> UserAccount {
        let key = pda::user(&self.keys.pool, wallet);
        self.chain.fetch(&key).await
    }

    /// The address of `owner`'s Active or Compensating policy, if any.
    pub async fn active_policy(&mut self, owner: &Pubkey) -> Option<Pubkey> {
        let index = self.user(owner).await.active_policy_index?;
        Some(pda::policy(&self.keys.pool, owner, index))
    }

    pub async fn policy(&mut self, owner: &Pubkey, index: u64) -> Policy {
        let key = pda::policy(&self.keys.pool, owner, index);
        self.chain.fetch(&key).await
    }

    // --- sending ----------------------------------------------------------------------------

    pub async fn send_as_admin(&mut self, instruction: Instruction) -> TxResult {
        let admin = self.admin.insecure_clone();
        self.chain.send(&[instruction], &admin, &[]).await
    }

    pub async fn send_as(&mut self, signer: &Keypair, instruction: Instruction) -> TxResult {
        self.chain.send(&[instruction], signer, &[]).await
    }

    /// A fresh funder adds `amount` base units of capital to the vault (`deposit_capital`).
    pub async fn deposit_capital(&mut self, amount: u64) -> Receipt {
        self.deposit_capital_result(amount).await.expect("deposit capital")
    }

    pub async fn deposit_capital_result(&mut self, amount: u64) -> TxResult {
        let (funder, source) = self.funded_wallet(0).await;
        if amount > 0 {
            self.mint_premium(&source, amount).await;
        }
        let ix = ix::deposit_capital(&funder.pubkey(), &self.keys, &source, amount);
        self.send_as(&funder, ix).await
    }

    // --- traders ----------------------------------------------------------------------------

    /// A funded wallet with a premium token account holding `usdt` whole USDT, not registered.
    pub async fn funded_wallet(&mut self, usdt: u64) -> (Keypair, Pubkey) {
        let wallet = self.chain.funded_keypair(5).await;
        let token = self.token_account_for(&wallet.pubkey()).await;
        if usdt > 0 {
            let amount = self.usdt(usdt);
            self.mint_premium(&token, amount).await;
        }
        (wallet, token)
    }

    /// Creates (idempotently) the premium associated token account of `owner`.
    pub async fn token_account_for(&mut self, owner: &Pubkey) -> Pubkey {
        create_ata(&mut self.chain, owner, &self.keys.premium_mint, &self.keys.token_program).await
    }

    pub async fn mint_premium(&mut self, destination: &Pubkey, amount: u64) {
        let authority = self.mint_authority.insecure_clone();
        let ix = token_instruction::mint_to_checked(
            &self.keys.token_program,
            &self.keys.premium_mint,
            destination,
            &authority.pubkey(),
            &[],
            amount,
            self.decimals,
        )
        .expect("mint_to instruction");
        self.chain.send(&[ix], &authority, &[]).await.expect("mint premium");
    }

    /// Registers a new trader (optionally under `referrer`) holding `usdt` whole USDT.
    pub async fn new_trader(&mut self, referrer: Option<&Trader>, usdt: u64) -> Trader {
        let (wallet, token) = self.funded_wallet(usdt).await;
        let ix = ix::register(&wallet.pubkey(), &self.keys.pool, referrer.map(|r| r.node));
        self.send_as(&wallet, ix).await.expect("register");
        Trader {
            user: pda::user(&self.keys.pool, &wallet.pubkey()),
            node: pda::referral_node(&self.keys.pool, &wallet.pubkey()),
            wallet,
            token,
        }
    }

    /// A referral chain: element 0 is the root, each next trader is referred by the previous.
    pub async fn register_chain(&mut self, length: usize, usdt_each: u64) -> Vec<Trader> {
        let mut chain: Vec<Trader> = Vec::with_capacity(length);
        for _ in 0..length {
            let trader = self.new_trader(chain.last(), usdt_each).await;
            chain.push(trader);
        }
        chain
    }

    /// Resolves the uplines a walk from `wallet`'s node needs by following `parent` links on
    /// chain: exactly `min(depth, max_depth)` nodes, direct referrer first.
    pub async fn uplines_of(&mut self, wallet: &Pubkey) -> Vec<Pubkey> {
        let max_depth = self.pool().await.config.max_depth;
        let mut node = self.node(wallet).await;
        let required = node.depth.min(u32::from(max_depth)) as usize;
        let mut uplines = Vec::with_capacity(required);
        while uplines.len() < required {
            let parent = node.parent.expect("node above depth 0 has a parent");
            uplines.push(parent);
            node = self.chain.fetch(&parent).await;
        }
        uplines
    }

    /// Buys a policy with automatically resolved uplines.
    pub async fn buy(&mut self, trader: &Trader, premium: u64) -> TxResult {
        let uplines = self.uplines_of(&trader.key()).await;
        self.buy_with_uplines(trader, premium, &uplines).await
    }

    pub async fn buy_with_uplines(&mut self, trader: &Trader, premium: u64, uplines: &[Pubkey]) -> TxResult {
        let index = self.user(&trader.key()).await.policy_count;
        let ix = ix::buy_policy(&trader.key(), &self.keys, &trader.token, index, premium, uplines);
        self.send_as(&trader.wallet, ix).await
    }

    pub fn policy_key(&self, owner: &Pubkey, index: u64) -> Pubkey {
        pda::policy(&self.keys.pool, owner, index)
    }

    // --- positions and prices ---------------------------------------------------------------

    /// Reporter: opens a position for `owner` at the venue now, passing the owner's active
    /// policy if any.
    pub async fn open_position(
        &mut self,
        owner: &Pubkey,
        market: &Pubkey,
        position_id: u64,
        opening: ix::Opening,
    ) -> TxResult {
        let now = self.chain.now().await;
        self.open_position_at(owner, market, position_id, opening.at(now)).await
    }

    /// Reporter: opens a position with an explicit venue time (`args.opened_at`).
    pub async fn open_position_at(
        &mut self,
        owner: &Pubkey,
        market: &Pubkey,
        position_id: u64,
        args: contract_insurance::OpenPositionArgs,
    ) -> TxResult {
        let policy = self.active_policy(owner).await;
        let reporter = self.reporter.insecure_clone();
        let ix =
            ix::open_position(&reporter.pubkey(), &self.keys.pool, market, owner, position_id, args, policy);
        let result = self.send_as(&reporter, ix).await;
        if result.is_ok() {
            self.positions.push(TrackedPosition {
                owner: *owner,
                position_id,
                position: pda::position(&self.keys.pool, owner, position_id),
                market: *market,
            });
        }
        result
    }

    pub fn tracked(&self, owner: &Pubkey, position_id: u64) -> TrackedPosition {
        *self
            .positions
            .iter()
            .rev()
            .find(|tracked| tracked.owner == *owner && tracked.position_id == position_id)
            .expect("position opened through the fixture")
    }

    /// Reporter: increase, close or liquidate at the venue now, passing the position's policy if
    /// attached.
    pub async fn update_position(
        &mut self,
        owner: &Pubkey,
        position_id: u64,
        update: ix::PositionUpdate,
    ) -> TxResult {
        let now = self.chain.now().await;
        self.update_position_at(owner, position_id, update, now).await
    }

    /// Reporter: a position update with an explicit venue time.
    pub async fn update_position_at(
        &mut self,
        owner: &Pubkey,
        position_id: u64,
        update: ix::PositionUpdate,
        event_time: i64,
    ) -> TxResult {
        let tracked = self.tracked(owner, position_id);
        let policy = self.chain.fetch::<Position>(&tracked.position).await.policy;
        let reporter = self.reporter.insecure_clone();
        let ix = ix::update_position(
            &reporter.pubkey(),
            &self.keys.pool,
            &tracked.market,
            owner,
            &tracked.position,
            policy,
            update,
            event_time,
        );
        self.send_as(&reporter, ix).await
    }

    /// Oracle authority: posts `price` for an `Authority` market published now, moving the clock
    /// on by the pool's minimum spacing first if the feed's latest observation is that recent.
    pub async fn post_fresh_price(&mut self, market: &Pubkey, price: i64) -> Receipt {
        let spacing = i64::from(self.pool().await.config.min_observation_spacing);
        let feed: MarkPriceFeed = self.chain.fetch(&pda::mark_price_feed(market)).await;
        let mut now = self.chain.now().await;
        if let Some(latest) = feed.latest() {
            if now < latest.publish_time + spacing {
                now = latest.publish_time + spacing;
                self.chain.set_time(now).await;
            }
        }
        self.post_price(market, price, 0, now).await.expect("post mark price")
    }

    /// Oracle authority: posts a mark price for an `Authority` market.
    pub async fn post_price(
        &mut self,
        market: &Pubkey,
        price: i64,
        conf: u64,
        publish_time: i64,
    ) -> TxResult {
        let oracle = self.oracle_authority.insecure_clone();
        let ix = ix::post_mark_price(&oracle.pubkey(), &self.keys.pool, market, price, conf, publish_time);
        self.send_as(&oracle, ix).await
    }

    /// Every exposure account of `policy` not valued yet, with its market's feed: what
    /// settlement passes. Found by deriving the exposure address for every market the fixture
    /// knows (a real client asks the RPC with `getProgramAccounts`).
    pub async fn unvalued_exposures(&mut self, policy: &Pubkey) -> Vec<ix::ExposurePair> {
        let mut markets: Vec<Pubkey> = self.markets.clone();
        markets.extend(self.positions.iter().map(|tracked| tracked.market));
        let mut pairs: Vec<ix::ExposurePair> = Vec::new();
        for market in markets {
            let pair = ix::ExposurePair::of(policy, &market);
            if pairs.contains(&pair) {
                continue;
            }
            let Some(account) = self.chain.account(&pair.exposure).await else {
                continue;
            };
            let exposure = <PolicyExposure as anchor_lang::AccountDeserialize>::try_deserialize(
                &mut account.data.as_slice(),
            )
            .expect("exposure decodes");
            if !exposure.valued {
                pairs.push(pair);
            }
        }
        pairs
    }

    /// Keeper: settles `owner`'s policy `index` in one transaction, valuing every market.
    pub async fn settle(&mut self, owner: &Pubkey, index: u64) -> TxResult {
        let policy = self.policy_key(owner, index);
        let pairs = self.unvalued_exposures(&policy).await;
        self.settle_with(owner, index, &pairs).await
    }

    pub async fn settle_with(&mut self, owner: &Pubkey, index: u64, pairs: &[ix::ExposurePair]) -> TxResult {
        let keeper = self.chain.payer().insecure_clone();
        let policy = self.policy_key(owner, index);
        let ix = ix::settle_policy(&keeper.pubkey(), &self.keys.pool, &policy, owner, pairs);
        self.chain.send(&[ix], &keeper, &[]).await
    }

    /// Moves the clock to the end of `owner`'s policy `index`, posts each `(market, price)`
    /// published exactly then, and moves on to the first second its settlement is open. Returns
    /// the end.
    pub async fn expire_at_marks(&mut self, owner: &Pubkey, index: u64, marks: &[(Pubkey, u64)]) -> i64 {
        let end = self.policy(owner, index).await.terms.end;
        self.chain.set_time(end).await;
        for (market, price) in marks {
            self.post_price(market, *price as i64, 0, end).await.expect("post the mark at the end");
        }
        let opens = self.settlement_opens_at(owner, index).await;
        self.chain.set_time(opens).await;
        end
    }

    /// The first second settlement of `owner`'s policy `index` is open (its reports and prices
    /// are final).
    pub async fn settlement_opens_at(&mut self, owner: &Pubkey, index: u64) -> i64 {
        self.policy(owner, index).await.settlement_opens_at().expect("settlement opens")
    }

    /// Keeper: issues compensation for `owner`'s policy `index` with resolved uplines.
    pub async fn issue_compensation(&mut self, owner: &Pubkey, index: u64) -> TxResult {
        let uplines = self.uplines_of(owner).await;
        let keeper = self.chain.payer().insecure_clone();
        let policy = self.policy_key(owner, index);
        let ix = ix::issue_compensation(&keeper.pubkey(), &self.keys, &policy, owner, &uplines);
        self.chain.send(&[ix], &keeper, &[]).await
    }

    // --- liquidation cover ------------------------------------------------------------------

    pub fn cover_keys(&self, owner: &Pubkey, index: u64, market: &Pubkey) -> ix::CoverKeys {
        ix::CoverKeys {
            cover: pda::liquidation_cover(&self.keys.pool, owner, index),
            owner: *owner,
            market: *market,
        }
    }

    pub async fn cover(&mut self, owner: &Pubkey, index: u64) -> LiquidationCover {
        let key = pda::liquidation_cover(&self.keys.pool, owner, index);
        self.chain.fetch(&key).await
    }

    /// Trader: buys liquidation cover on their next order index.
    pub async fn buy_cover(
        &mut self,
        trader: &Trader,
        market: &Pubkey,
        args: contract_insurance::LiquidationCoverArgs,
    ) -> TxResult {
        let index = self.user(&trader.key()).await.liquidation_cover_count;
        let ix = ix::buy_liquidation_cover(&trader.key(), &self.keys, market, &trader.token, index, args);
        self.send_as(&trader.wallet, ix).await
    }

    /// Trader buys cover `args` on their next index, the venue fills the whole order into a new
    /// position `position_id` (same side and quantity, entry 60 000 in 6-decimal prices) and the
    /// reporter reports the fill: a cover ready for its outcome.
    pub async fn buy_filled_cover(
        &mut self,
        trader: &Trader,
        market: &Pubkey,
        args: contract_insurance::LiquidationCoverArgs,
        position_id: u64,
    ) -> ix::CoverKeys {
        let index = self.user(&trader.key()).await.liquidation_cover_count;
        self.buy_cover(trader, market, args).await.expect("buy cover");
        let opening = ix::Opening {
            side: args.side,
            size: args.order_qty,
            entry_price: 60_000_000_000,
            margin: args.margin,
        };
        self.open_position(&trader.key(), market, position_id, opening)
            .await
            .expect("open the covered position");
        let cover = self.cover_keys(&trader.key(), index, market);
        let position = pda::position(&self.keys.pool, &trader.key(), position_id);
        let reporter = self.reporter.pubkey();
        let fill = ix::report_order_fill(&reporter, &self.keys.pool, &cover.cover, &position, args.order_qty);
        self.send_as_reporter(fill).await.expect("report the fill");
        cover
    }

    /// Reporter: sends one of the reporter's cover instructions.
    pub async fn send_as_reporter(&mut self, instruction: Instruction) -> TxResult {
        let reporter = self.reporter.insecure_clone();
        self.chain.send(&[instruction], &reporter, &[]).await
    }

    // --- hashrate credits -------------------------------------------------------------------

    /// Earns hashrate credits for `trader` the only way they exist: a `premium` policy, a
    /// position that loses past the trigger, settlement and compensation. The trader must be
    /// flat with no active policy. Returns the trader's credit account and the credits paid.
    pub async fn earn_credits(&mut self, trader: &Trader, premium: u64) -> (Pubkey, u64) {
        const LOSS_MARKET: u16 = u16::MAX;
        let market = pda::market(&self.keys.pool, LOSS_MARKET);
        if self.chain.account(&market).await.is_none() {
            self.add_market(LOSS_MARKET, btc_market_params()).await;
        }
        let index = self.user(&trader.key()).await.policy_count;
        self.mint_premium(&trader.token, premium).await;
        self.buy(trader, premium).await.expect("buy policy for credits");
        let policy = self.policy(&trader.key(), index).await;
        // Short 1 unit at 1.0 that the mark moves far enough against: loss = 11 × premium.
        let size = 1_000_000;
        let entry = 1_000_000;
        let position_id = u64::MAX - index;
        let opening = ix::Opening { side: Side::Short, size, entry_price: entry, margin: 0 };
        self.open_position(&trader.key(), &market, position_id, opening).await.expect("open loss position");
        let mark = entry + 11 * premium;
        self.post_fresh_price(&market, mark as i64).await;
        let triple = ix::PositionTriple {
            position: pda::position(&self.keys.pool, &trader.key(), position_id),
            market,
            mark_price_feed: pda::mark_price_feed(&market),
        };
        let policy_key = self.policy_key(&trader.key(), index);
        let early = ix::request_early_settlement(
            &trader.key(),
            &self.keys.pool,
            &policy_key,
            position_id,
            Some(triple),
        );
        self.send_as(&trader.wallet, early).await.expect("early settlement");
        self.issue_compensation(&trader.key(), index).await.expect("issue compensation");
        let close = ix::PositionUpdate::Close { size, price: mark, fee: 0 };
        self.update_position(&trader.key(), position_id, close).await.expect("close loss position");
        let credit_account = ix::credit_account(&trader.key(), &self.keys);
        let credits = self.policy(&trader.key(), index).await.credits_paid();
        assert!(credits >= policy.terms.payout_credits);
        (credit_account, credits)
    }

    /// Adds a market with `Authority` pricing unless `params` says otherwise.
    pub async fn add_market(&mut self, market_id: u16, params: MarketParams) -> Pubkey {
        let ix = ix::add_market(&self.admin.pubkey(), &self.keys.pool, market_id, params);
        self.send_as_admin(ix).await.expect("add_market");
        let market = pda::market(&self.keys.pool, market_id);
        self.markets.push(market);
        market
    }
}

/// A crypto perpetual market priced by the oracle authority: size in 10^-6 BTC, prices with
/// 6 decimals, P&L in the premium's 6 decimals.
pub fn btc_market_params() -> MarketParams {
    MarketParams {
        symbol: symbol("BTC-PERP"),
        asset_class: AssetClass::Crypto,
        base_decimals: 6,
        quote_decimals: 6,
        price_decimals: 6,
        oracle: OracleSource::Authority,
        liquidation_cover: true,
        active: true,
    }
}

pub fn symbol(text: &str) -> [u8; 16] {
    let mut bytes = [0u8; 16];
    bytes[..text.len()].copy_from_slice(text.as_bytes());
    bytes
}

/// Creates a mint owned by `token_program` (SPL Token or Token-2022) with no extensions.
pub async fn create_mint(
    chain: &mut Chain,
    authority: &Keypair,
    decimals: u8,
    token_program: &Pubkey,
) -> Pubkey {
    create_mint_with_extensions(chain, authority, decimals, token_program, &[], None, |_| Vec::new()).await
}

/// Creates a Token-2022 (or SPL Token, with no extensions) mint sized for `extensions`;
/// `initialize_extensions(mint)` returns the extension set-up instructions, which the token
/// program requires between the account's creation and `initialize_mint2`.
pub async fn create_mint_with_extensions(
    chain: &mut Chain,
    authority: &Keypair,
    decimals: u8,
    token_program: &Pubkey,
    extensions: &[ExtensionType],
    freeze_authority: Option<&Pubkey>,
    initialize_extensions: impl FnOnce(&Pubkey) -> Vec<Instruction>,
) -> Pubkey {
    let mint = Keypair::new();
    let space = ExtensionType::try_calculate_account_len::<spl_token_2022::state::Mint>(extensions)
        .expect("mint size with extensions");
    let lamports = chain.rent_exempt_minimum(space).await;
    let mut instructions = vec![system_instruction::create_account(
        &authority.pubkey(),
        &mint.pubkey(),
        lamports,
        space as u64,
        token_program,
    )];
    instructions.extend(initialize_extensions(&mint.pubkey()));
    instructions.push(
        token_instruction::initialize_mint2(
            token_program,
            &mint.pubkey(),
            &authority.pubkey(),
            freeze_authority,
            decimals,
        )
        .expect("initialize_mint2"),
    );
    chain.send(&instructions, authority, &[&mint]).await.expect("create mint");
    mint.pubkey()
}

pub async fn create_ata(chain: &mut Chain, owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    let payer = chain.payer().insecure_clone();
    let ix = ata_instruction::create_associated_token_account_idempotent(
        &payer.pubkey(),
        owner,
        mint,
        token_program,
    );
    chain.send(&[ix], &payer, &[]).await.expect("create associated token account");
    get_associated_token_address_with_program_id(owner, mint, token_program)
}
