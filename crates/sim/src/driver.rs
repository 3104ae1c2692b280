//! The driver: one embedded runtime with the program and the real SPL programs, the model next to
//! it, and the event ledger. Every operation is predicted by the model, sent as a real signed
//! transaction, and the outcome compared: success against success (then the accounts the
//! operation touched, the pool, the vault and the replayed events), or the exact error code.

use std::collections::BTreeMap;

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::{AccountMeta, Instruction};
use anchor_lang::solana_program::system_instruction;
use anchor_spl::token_2022::spl_token_2022::{self, instruction as token_instruction};
use cip_harness::fixture::{create_ata, create_mint, symbol};
use cip_harness::ix::{self, CoverKeys, ExposurePair, MiningKeys, Opening, PositionUpdate};
use cip_harness::pyth::{price_update_account, PythPrice};
use cip_harness::{pda, Chain, PoolFixture, PoolOptions};
use contract_insurance::presets::{default_config, LevelPreset};
use contract_insurance::state::*;
use contract_insurance::{LiquidationCoverArgs, ValidatedPrice};
use solana_sdk::instruction::InstructionError;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::TransactionError;

use crate::coverage::Coverage;
use crate::ledger::{event_name, Ledger};
use crate::model::{self, Code, CreditAta, Ctx, Model};
use crate::ops::{Op, PolicyPass, RegisterBad, Uplines, Wrong};
use crate::rng::Rng;

/// Premium decimals of the simulated pool.
pub const DECIMALS: u8 = 6;
pub const USDT: u64 = 1_000_000;
/// Simulated wall clock start (2026-11-21 00:00 UTC) plus up to a day, chosen by the seed.
const EPOCH: i64 = 1_795_219_200;
/// Spare staff keys beyond the four initial ones (admin candidates, role keys).
const SPARE_STAFF: usize = 3;
const REWARDS_PER_TREASURY: u64 = 1_000_000_000_000;

/// Why a run stopped.
#[derive(Clone, Debug)]
pub struct Failure {
    /// Index of the operation that failed.
    pub step: usize,
    /// Short category, used to recognise the same failure while shrinking.
    pub kind: String,
    pub detail: String,
}

/// What happened to one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    Skipped,
    NoTransaction,
    Succeeded,
    Rejected(Code),
}

pub struct World {
    pub f: PoolFixture,
    /// 0 admin, 1 reporter, 2 oracle authority, 3 reviewer, then spares.
    pub staff: Vec<Keypair>,
    pub wallets: Vec<Keypair>,
    spares: BTreeMap<u32, Keypair>,
    /// The wallet a `Register` in progress creates (kept once the registration succeeds).
    pending_wallet: Option<Keypair>,
    pub funder: Keypair,
    pub funder_token: Pubkey,
    pub mining: MiningKeys,
    treasuries: BTreeMap<Pubkey, Pubkey>,
    reward_accounts: BTreeMap<u32, Pubkey>,
    pub model: Model,
    pub ledger: Ledger,
    pub coverage: Coverage,
    keys_rng: Rng,
    /// Compare every account every this many operations (and at the end).
    pub full_every: usize,
    steps_since_full: usize,
    pub transactions: u64,
}

fn keypair(rng: &mut Rng) -> Keypair {
    let mut secret = [0u8; 32];
    for chunk in secret.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    Keypair::new_from_array(secret)
}

/// The error code of a failed transaction (program, Anchor or SPL Token custom code).
fn failure_code(error: &TransactionError) -> Option<Code> {
    match error {
        TransactionError::InstructionError(_, InstructionError::Custom(code)) => Some(*code),
        _ => None,
    }
}

/// A pool configuration and level preset for a seed: the spec's defaults, varied within bounds.
pub fn seed_config(rng: &mut Rng) -> (LevelPreset, PoolConfig) {
    let preset = if rng.chance(50) { LevelPreset::A } else { LevelPreset::B };
    let mut config = default_config(DECIMALS, preset);
    config.policy_duration = *rng.pick(&[1_800, 7_200, 86_400]);
    config.max_depth = *rng.pick(&[2, 3, 10]);
    config.same_level_cut = rng.chance(75);
    config.max_price_staleness = *rng.pick(&[30, 60, 120]);
    config.settlement_grace = config.max_price_staleness * *rng.pick(&[2, 10, 30]);
    config.min_observation_spacing = *rng.pick(&[1, 5]);
    config.liquidation.review_window = *rng.pick(&[3_600, 86_400]);
    config.liquidation.vesting_days = *rng.pick(&[1, 3, 20]);
    config.liquidation.daily_quota = *rng.pick(&[150, 400]) * USDT;
    config.liquidation.cumulative_quota = *rng.pick(&[600, 5_000]) * USDT;
    (preset, config)
}

pub fn market_params(id: u16) -> MarketParams {
    let (name, base, price, oracle, cover) = match id % 4 {
        1 => ("BTC-PERP", 6, 6, OracleSource::Authority, true),
        2 => ("ETH-PERP", 8, 2, OracleSource::Authority, true),
        3 => ("SOL-PERP", 9, 6, OracleSource::Pyth { feed_id: [7; 32] }, false),
        _ => ("XAU-PERP", 4, 3, OracleSource::Authority, true),
    };
    MarketParams {
        symbol: symbol(name),
        asset_class: if id % 4 == 0 { AssetClass::Commodity } else { AssetClass::Crypto },
        base_decimals: base,
        quote_decimals: DECIMALS,
        price_decimals: price,
        oracle,
        liquidation_cover: cover,
        active: true,
    }
}

impl World {
    pub async fn new(seed: u64, quiet: bool) -> World {
        let mut rng = Rng::new(seed);
        let (preset, config) = seed_config(&mut rng);
        let options = PoolOptions { config: Some(config.clone()), ..PoolOptions::preset(preset) };
        let levels = options.resolved_levels();
        let mut f =
            if quiet { PoolFixture::quiet(options).await } else { PoolFixture::with_options(options).await };
        let now = EPOCH + rng.range_i64(0, 86_399);
        f.chain.set_time(now).await;
        let mut keys_rng = rng.fork();

        let mut staff = vec![
            f.admin.insecure_clone(),
            f.reporter.insecure_clone(),
            f.oracle_authority.insecure_clone(),
            f.reviewer.insecure_clone(),
        ];
        for _ in 0..SPARE_STAFF {
            let key = keypair(&mut keys_rng);
            f.chain.transfer_lamports(&key.pubkey(), 100_000_000_000).await;
            staff.push(key);
        }
        let funder = keypair(&mut keys_rng);
        f.chain.transfer_lamports(&funder.pubkey(), 10_000_000_000).await;
        let funder_token = f.token_account_for(&funder.pubkey()).await;

        // Mining pool with a reward mint; every staff key holds reward tokens to fund it with.
        let authority = f.mint_authority.insecure_clone();
        let reward_mint = create_mint(&mut f.chain, &authority, 6, &f.keys.token_program).await;
        let mining = MiningKeys::new(&f.keys, reward_mint);
        let mining_params = MiningParams {
            reward_per_second: *rng.pick(&[1, 1_000, 250_000]),
            end_time: None,
            unstake_allowed: rng.chance(85),
            unstake_cooldown: *rng.pick(&[0, 60, 3_600]),
        };
        let admin = f.admin.insecure_clone();
        f.chain
            .send(&[ix::init_mining_pool(&admin.pubkey(), &mining, mining_params)], &admin, &[])
            .await
            .expect("init_mining_pool");
        let mut treasuries = BTreeMap::new();
        let mut model_treasuries = BTreeMap::new();
        for key in &staff {
            let account = create_ata(&mut f.chain, &key.pubkey(), &reward_mint, &f.keys.token_program).await;
            let mint = token_instruction::mint_to(
                &f.keys.token_program,
                &reward_mint,
                &account,
                &authority.pubkey(),
                &[],
                REWARDS_PER_TREASURY,
            )
            .expect("mint_to");
            f.chain.send(&[mint], &authority, &[]).await.expect("mint rewards");
            treasuries.insert(key.pubkey(), account);
            model_treasuries.insert(key.pubkey(), REWARDS_PER_TREASURY);
        }

        let roles = [staff[1].pubkey(), staff[2].pubkey(), staff[3].pubkey()];
        let mut model = Model::new(now, DECIMALS, config, levels, staff[0].pubkey(), roles, mining_params);
        model.treasuries = model_treasuries;
        let mut coverage = Coverage::default();
        coverage.hit("initialize_pool", None);
        coverage.hit("init_mining_pool", None);
        let mut world = World {
            f,
            staff,
            wallets: Vec::new(),
            spares: BTreeMap::new(),
            pending_wallet: None,
            funder,
            funder_token,
            mining,
            treasuries,
            reward_accounts: BTreeMap::new(),
            model,
            ledger: Ledger::default(),
            coverage,
            keys_rng,
            full_every: 40,
            steps_since_full: 0,
            transactions: 0,
        };
        // Markets and some first capital, through the checked path.
        let setup = [
            Op::AddMarket { id: 1, params: market_params(1) },
            Op::AddMarket { id: 2, params: market_params(2) },
            Op::AddMarket { id: 3, params: market_params(3) },
            Op::Deposit { amount: 2_000 * USDT },
        ];
        for op in setup {
            let outcome =
                world.execute(&op, usize::MAX).await.unwrap_or_else(|failure| panic!("setup: {failure:?}"));
            assert_eq!(outcome, StepOutcome::Succeeded, "setup {op:?}");
        }
        world
    }

    fn ctx(&self) -> Ctx {
        Ctx { new_wallet: None, staff: self.staff.iter().map(|key| key.pubkey()).collect() }
    }

    fn staff_key(&self, key: &Pubkey) -> Keypair {
        self.staff.iter().find(|k| k.pubkey() == *key).expect("staff key").insecure_clone()
    }

    fn admin(&self) -> Keypair {
        self.staff_key(&self.model.admin)
    }

    fn reporter(&self) -> Keypair {
        self.staff_key(&self.model.roles[0])
    }

    fn oracle(&self) -> Keypair {
        self.staff_key(&self.model.roles[1])
    }

    fn reviewer(&self) -> Keypair {
        self.staff_key(&self.model.roles[2])
    }

    /// A key that holds none of the roles and is not the admin.
    fn outsider(&self) -> Keypair {
        let held = [self.model.admin, self.model.roles[0], self.model.roles[1], self.model.roles[2]];
        self.staff.iter().find(|k| !held.contains(&k.pubkey())).expect("a spare staff key").insecure_clone()
    }

    fn wallet(&self, user: u32) -> Keypair {
        self.wallets[user as usize].insecure_clone()
    }

    fn pool(&self) -> Pubkey {
        self.f.keys.pool
    }

    fn market_key(&self, id: u16) -> Pubkey {
        pda::market(&self.pool(), id)
    }

    fn premium_account(&self, user: u32) -> Pubkey {
        anchor_spl::associated_token::get_associated_token_address_with_program_id(
            &self.wallets[user as usize].pubkey(),
            &self.f.keys.premium_mint,
            &self.f.keys.token_program,
        )
    }

    fn credit_ata(&self, user: u32) -> Pubkey {
        ix::credit_account(&self.wallets[user as usize].pubkey(), &self.f.keys)
    }

    /// The credit account claims and stakes use (see `Model::credit_home_balance`).
    fn credit_home(&self, user: u32) -> Pubkey {
        if self.model.users[user as usize].credit_ata == CreditAta::Usable {
            self.credit_ata(user)
        } else {
            self.spares[&user].pubkey()
        }
    }

    fn policy_key(&self, user: u32, index: u64) -> Pubkey {
        pda::policy(&self.pool(), &self.wallets[user as usize].pubkey(), index)
    }

    fn cover_keys(&self, user: u32, cover: u64) -> CoverKeys {
        let owner = self.wallets[user as usize].pubkey();
        CoverKeys {
            cover: pda::liquidation_cover(&self.pool(), &owner, cover),
            owner,
            market: self.market_key(self.model.covers[&(user, cover)].market),
        }
    }

    // --- setup actions (outside the program; recorded in the model) -------------------------

    async fn mint_premium(&mut self, destination: Pubkey, amount: u64) {
        self.f.mint_premium(&destination, amount).await;
    }

    async fn top_up_user(&mut self, user: u32, needed: u64) {
        let balance = self.model.users[user as usize].premium_balance;
        if balance < needed {
            let amount = needed - balance + 1_000 * USDT;
            let account = self.premium_account(user);
            self.mint_premium(account, amount).await;
            self.model.add_user_funds(user, amount);
        }
    }

    async fn top_up_funder(&mut self, needed: u64) {
        if self.model.funder_balance < needed {
            let amount = needed - self.model.funder_balance + 100_000 * USDT;
            let account = self.funder_token;
            self.mint_premium(account, amount).await;
            self.model.funder_balance += amount;
        }
    }

    /// Makes sure the user's credit home exists (associated account, or the spare one).
    async fn prepare_credit_home(&mut self, user: u32) {
        let owner = self.wallets[user as usize].pubkey();
        match self.model.users[user as usize].credit_ata {
            CreditAta::Missing => {
                create_ata(&mut self.f.chain, &owner, &self.f.keys.credit_mint, &self.f.keys.token_program)
                    .await;
                self.model.ensure_credit_ata(user);
            }
            CreditAta::Usable => {}
            CreditAta::Reassigned => {
                if !self.spares.contains_key(&user) {
                    let account = keypair(&mut self.keys_rng);
                    let payer = self.f.chain.payer().insecure_clone();
                    let space = <spl_token_2022::state::Account as anchor_lang::solana_program::program_pack::Pack>::LEN;
                    let lamports = self.f.chain.rent_exempt_minimum(space).await;
                    let create = system_instruction::create_account(
                        &payer.pubkey(),
                        &account.pubkey(),
                        lamports,
                        space as u64,
                        &self.f.keys.token_program,
                    );
                    let init = token_instruction::initialize_account3(
                        &self.f.keys.token_program,
                        &account.pubkey(),
                        &self.f.keys.credit_mint,
                        &owner,
                    )
                    .expect("initialize_account3");
                    self.f
                        .chain
                        .send(&[create, init], &payer, &[&account])
                        .await
                        .expect("spare credit account");
                    self.spares.insert(user, account);
                    self.model.users[user as usize].credit_spare = Some(0);
                }
            }
        }
    }

    async fn reward_account(&mut self, user: u32) -> Pubkey {
        if let Some(account) = self.reward_accounts.get(&user) {
            return *account;
        }
        let owner = self.wallets[user as usize].pubkey();
        let account =
            create_ata(&mut self.f.chain, &owner, &self.mining.reward_mint, &self.f.keys.token_program).await;
        self.reward_accounts.insert(user, account);
        account
    }

    async fn top_up_treasury(&mut self, needed: u64) {
        let admin = self.model.admin;
        let balance = self.model.treasuries.get(&admin).copied().unwrap_or(0);
        if balance < needed {
            let authority = self.f.mint_authority.insecure_clone();
            let amount = needed - balance + REWARDS_PER_TREASURY;
            let mint = token_instruction::mint_to(
                &self.f.keys.token_program,
                &self.mining.reward_mint,
                &self.treasuries[&admin],
                &authority.pubkey(),
                &[],
                amount,
            )
            .expect("mint_to");
            self.f.chain.send(&[mint], &authority, &[]).await.expect("mint rewards");
            *self.model.treasuries.entry(admin).or_insert(0) += amount;
        }
    }

    // --- one operation ------------------------------------------------------------------------

    /// Runs `op` (operation number `step`): predicted by the model, sent to the chain, compared.
    pub async fn execute(&mut self, op: &Op, step: usize) -> Result<StepOutcome, Failure> {
        if !self.model.can_run(op) {
            return Ok(StepOutcome::Skipped);
        }
        let mut ctx = self.ctx();
        // Setup the operation needs (funding, accounts), outside the program.
        match op {
            Op::Register {
                bad: RegisterBad::None | RegisterBad::SelfReferral | RegisterBad::Unregistered,
                ..
            } => {
                let wallet = keypair(&mut self.keys_rng);
                self.f.chain.transfer_lamports(&wallet.pubkey(), 5_000_000_000).await;
                self.f.token_account_for(&wallet.pubkey()).await;
                ctx.new_wallet = Some(wallet.pubkey());
                self.pending_wallet = Some(wallet);
            }
            Op::Buy { user, premium, .. } => self.top_up_user(*user, *premium).await,
            Op::BuyCover { user, .. } => self.top_up_user(*user, 200 * USDT).await,
            Op::Deposit { amount } | Op::Donate { amount } => self.top_up_funder(*amount).await,
            Op::FundRewards { amount, .. } => self.top_up_treasury(*amount).await,
            Op::ClaimRebate { user }
            | Op::ClaimCredits { user }
            | Op::Stake { user, .. }
            | Op::Unstake { user, .. } => self.prepare_credit_home(*user).await,
            Op::ClaimRewards { user } => {
                self.reward_account(*user).await;
            }
            Op::Wrong {
                kind: Wrong::CommissionToCreditAccount | Wrong::PremiumFromCreditAccount,
                user,
                ..
            } => self.prepare_credit_home(*user).await,
            _ => {}
        }

        let before = self.model.clone();
        let mut predicted = self.model.apply(op, &ctx);
        if predicted.is_ok() {
            self.model.check_invariants();
        }
        let predicted = std::mem::replace(&mut predicted, Ok(vec![]));
        let instruction_name = op.instruction();

        // Operations without a program instruction.
        match op {
            Op::Advance { .. } => {
                let now = self.model.now;
                self.f.chain.set_time(now).await;
                return Ok(StepOutcome::NoTransaction);
            }
            Op::Donate { amount } => {
                let funder = self.funder.insecure_clone();
                let transfer = token_instruction::transfer_checked(
                    &self.f.keys.token_program,
                    &self.funder_token,
                    &self.f.keys.premium_mint,
                    &self.f.keys.vault,
                    &funder.pubkey(),
                    &[],
                    *amount,
                    DECIMALS,
                )
                .expect("transfer");
                self.f.chain.send(&[transfer], &funder, &[]).await.expect("donation");
                self.ledger.direct_transfer(*amount);
                predicted.expect("a donation the funder can afford");
                return self.compare_after(op, step, &[], &[]).await.map(|_| StepOutcome::NoTransaction);
            }
            Op::ReassignCredit { user } => {
                let wallet = self.wallet(*user);
                let account = self.credit_ata(*user);
                let new_owner = self.funder.pubkey();
                let reassign = token_instruction::set_authority(
                    &self.f.keys.token_program,
                    &account,
                    Some(&new_owner),
                    token_instruction::AuthorityType::AccountOwner,
                    &wallet.pubkey(),
                    &[],
                )
                .expect("set_authority");
                self.f.chain.send(&[reassign], &wallet, &[]).await.expect("reassign the credit account");
                predicted.expect("reassign");
                return Ok(StepOutcome::NoTransaction);
            }
            Op::GetMark { market } => {
                let id = before.markets[*market as usize].id;
                let payer = self.f.chain.payer().insecure_clone();
                let result = self
                    .f
                    .chain
                    .simulate(&[ix::get_mark_price(&self.pool(), &self.market_key(id))], &payer)
                    .await;
                self.transactions += 1;
                let chain = result.as_ref().map_err(|failure| failure_code(&failure.error));
                self.coverage.hit("get_mark_price", chain.as_ref().err().copied().flatten());
                return match (predicted.and_then(|_| before.get_mark(id)), result) {
                    (Ok(quote), Ok(receipt)) => {
                        let price: ValidatedPrice = receipt.return_value();
                        let expected = ValidatedPrice {
                            price: quote.price,
                            conf: quote.conf,
                            publish_time: quote.publish_time,
                            price_decimals: before.markets[*market as usize].params.price_decimals,
                        };
                        if price != expected {
                            return Err(self.fail(
                                step,
                                "get_mark_price value",
                                format!("chain {price:?}, model {expected:?}"),
                            ));
                        }
                        Ok(StepOutcome::Succeeded)
                    }
                    (Err(code), Err(failure)) if failure_code(&failure.error) == Some(code) => {
                        Ok(StepOutcome::Rejected(code))
                    }
                    (expected, actual) => Err(self.fail(
                        step,
                        "get_mark_price outcome",
                        format!(
                            "model {expected:?}, chain {:?}",
                            actual.map(|_| ()).map_err(|f| (f.error, f.logs))
                        ),
                    )),
                };
            }
            _ => {}
        }

        let (instructions, signer) = self.build(op, &before);
        let result = self.f.chain.send(&instructions, &signer, &[]).await;
        self.transactions += 1;
        if let Some(wallet) = self.pending_wallet.take() {
            if self.model.users.len() > self.wallets.len() {
                self.wallets.push(wallet);
            }
        }
        let name = instruction_name.expect("an instruction");
        match (predicted, result) {
            (Ok(expected_events), Ok(receipt)) => {
                self.coverage.hit(name, None);
                let names: Vec<&'static str> = receipt.events.iter().map(event_name).collect();
                for event in &receipt.events {
                    self.ledger.apply(event);
                }
                self.compare_after(op, step, &expected_events, &names).await?;
                Ok(StepOutcome::Succeeded)
            }
            (Err(code), Err(failure)) => {
                self.model = before;
                let actual = failure_code(&failure.error);
                self.coverage.hit(name, actual);
                if actual != Some(code) {
                    return Err(self.fail(
                        step,
                        &format!("{name}: wrong error"),
                        format!(
                            "model expects error {} but the chain failed with {:?}\nlogs: {:#?}",
                            crate::coverage::error_label(code),
                            failure.error,
                            failure.logs
                        ),
                    ));
                }
                Ok(StepOutcome::Rejected(code))
            }
            (Ok(_), Err(failure)) => {
                self.model = before;
                let actual = failure_code(&failure.error);
                self.coverage.hit(name, actual);
                Err(self.fail(
                    step,
                    &format!("{name}: chain rejected"),
                    format!(
                        "model expects success, the chain failed with {:?} ({})\nlogs: {:#?}",
                        failure.error,
                        actual.map(crate::coverage::error_label).unwrap_or_default(),
                        failure.logs
                    ),
                ))
            }
            (Err(code), Ok(receipt)) => {
                self.coverage.hit(name, None);
                Err(self.fail(
                    step,
                    &format!("{name}: chain accepted"),
                    format!(
                        "model expects error {}, the chain succeeded\nlogs: {:#?}",
                        crate::coverage::error_label(code),
                        receipt.logs
                    ),
                ))
            }
        }
    }

    fn fail(&self, step: usize, kind: &str, detail: String) -> Failure {
        Failure { step, kind: kind.to_string(), detail }
    }

    /// The transaction for `op`, built from the model's state before it.
    fn build(&mut self, op: &Op, m: &Model) -> (Vec<Instruction>, Keypair) {
        let pool = self.pool();
        let keys = self.f.keys;
        let payer = self.f.chain.payer().insecure_clone();
        let wrong =
            |w: &World, right: Keypair, wrong_signer: bool| if wrong_signer { w.outsider() } else { right };
        let one = |instruction: Instruction, signer: Keypair| (vec![instruction], signer);
        match op {
            Op::Advance { .. } | Op::Donate { .. } | Op::ReassignCredit { .. } | Op::GetMark { .. } => {
                unreachable!()
            }
            Op::Register { referrer, bad } => {
                let (wallet, referrer_node) = match bad {
                    RegisterBad::Again(user) => (
                        self.wallet(*user),
                        referrer.map(|r| pda::referral_node(&pool, &self.wallets[r as usize].pubkey())),
                    ),
                    RegisterBad::SelfReferral => {
                        let wallet = self.pending_wallet.as_ref().expect("new wallet").insecure_clone();
                        let own = pda::referral_node(&pool, &wallet.pubkey());
                        (wallet, Some(own))
                    }
                    RegisterBad::Unregistered => {
                        let wallet = self.pending_wallet.as_ref().expect("new wallet").insecure_clone();
                        (wallet, Some(pda::referral_node(&pool, &Pubkey::new_from_array([9; 32]))))
                    }
                    RegisterBad::None => {
                        let wallet = self.pending_wallet.as_ref().expect("new wallet").insecure_clone();
                        (
                            wallet,
                            referrer.map(|r| pda::referral_node(&pool, &self.wallets[r as usize].pubkey())),
                        )
                    }
                };
                one(ix::register(&wallet.pubkey(), &pool, referrer_node), wallet)
            }
            Op::Buy { user, premium, index_ahead, uplines } => {
                let wallet = self.wallet(*user);
                let index = m.users[*user as usize].policy_count + u64::from(*index_ahead);
                let nodes = self.upline_metas(m, *user, *uplines);
                let mut instruction = ix::buy_policy(
                    &wallet.pubkey(),
                    &keys,
                    &self.premium_account(*user),
                    index,
                    *premium,
                    &[],
                );
                instruction.accounts.extend(nodes);
                one(instruction, wallet)
            }
            Op::Open { user, market, id, side, size, price, margin, back, policy, wrong_signer } => {
                let owner = self.wallets[*user as usize].pubkey();
                let market_id = m.markets[*market as usize].id;
                let policy = match policy {
                    PolicyPass::Active => {
                        m.users[*user as usize].active_policy.map(|i| self.policy_key(*user, i))
                    }
                    PolicyPass::Omit => None,
                    PolicyPass::Other(i) => Some(self.policy_key(*user, *i)),
                };
                let args = Opening { side: *side, size: *size, entry_price: *price, margin: *margin }
                    .at(m.now - back);
                let reporter = wrong(self, self.reporter(), *wrong_signer);
                let instruction = ix::open_position(
                    &reporter.pubkey(),
                    &pool,
                    &self.market_key(market_id),
                    &owner,
                    *id,
                    args,
                    policy,
                );
                one(instruction, reporter)
            }
            Op::Increase { user, id, size, price, margin, back, wrong_signer } => {
                let update = PositionUpdate::Increase { size: *size, price: *price, added_margin: *margin };
                self.position_update(m, *user, *id, update, m.now - back, *wrong_signer)
            }
            Op::Reduce { user, id, liquidation, size, price, fee, back, wrong_signer } => {
                let update = if *liquidation {
                    PositionUpdate::Liquidate { size: *size, price: *price, fee: *fee }
                } else {
                    PositionUpdate::Close { size: *size, price: *price, fee: *fee }
                };
                self.position_update(m, *user, *id, update, m.now - back, *wrong_signer)
            }
            Op::Post { market, price, conf, back, wrong_signer } => {
                let oracle = wrong(self, self.oracle(), *wrong_signer);
                let market_id = m.markets[*market as usize].id;
                let instruction = ix::post_mark_price(
                    &oracle.pubkey(),
                    &pool,
                    &self.market_key(market_id),
                    *price,
                    *conf,
                    m.now - back,
                );
                one(instruction, oracle)
            }
            Op::Pyth { market, price, conf, back } => {
                let market_id = m.markets[*market as usize].id;
                let feed_id = match m.markets[*market as usize].params.oracle {
                    OracleSource::Pyth { feed_id } => feed_id,
                    OracleSource::Authority => [7; 32],
                };
                let update = Pubkey::new_unique();
                let account = price_update_account(
                    PythPrice {
                        feed_id,
                        price: *price,
                        conf: *conf,
                        exponent: model::PYTH_EXPONENT,
                        publish_time: m.now - back,
                        fully_verified: true,
                    },
                    10_000_000,
                );
                self.f.chain.set_account(&update, account);
                one(
                    ix::record_pyth_price(&payer.pubkey(), &pool, &self.market_key(market_id), &update),
                    payer,
                )
            }
            Op::Settle { user, index, skip, take, bad } => {
                let policy = self.policy_key(*user, *index);
                let pairs: Vec<ExposurePair> = m
                    .settle_pairs(*user, *index, *skip, *take, *bad)
                    .into_iter()
                    .map(|(exposure_market, feed_market)| ExposurePair {
                        exposure: pda::policy_exposure(&policy, &self.market_key(exposure_market)),
                        mark_price_feed: pda::mark_price_feed(&self.market_key(feed_market)),
                    })
                    .collect();
                let owner = self.wallets[*user as usize].pubkey();
                one(ix::settle_policy(&payer.pubkey(), &pool, &policy, &owner, &pairs), payer)
            }
            Op::Early { user, index, position, open, wrong_signer } => {
                let signer = if *wrong_signer { self.outsider() } else { self.wallet(*user) };
                let owner = self.wallets[*user as usize].pubkey();
                let triple = open.then(|| {
                    let market = self.market_key(m.positions[&(*user, *position)].market);
                    ix::PositionTriple {
                        position: pda::position(&pool, &owner, *position),
                        market,
                        mark_price_feed: pda::mark_price_feed(&market),
                    }
                });
                let mut instruction = ix::request_early_settlement(
                    &owner,
                    &pool,
                    &self.policy_key(*user, *index),
                    *position,
                    triple,
                );
                if *wrong_signer {
                    ix::replace_account(&mut instruction, &owner, &signer.pubkey());
                    // The signer flag moves with the key.
                    for meta in instruction.accounts.iter_mut().filter(|meta| meta.pubkey == signer.pubkey())
                    {
                        meta.is_signer = true;
                    }
                }
                one(instruction, signer)
            }
            Op::Compensate { user, index, uplines } => {
                let owner = self.wallets[*user as usize].pubkey();
                let nodes = self.upline_metas(m, *user, *uplines);
                let mut instruction = ix::issue_compensation(
                    &payer.pubkey(),
                    &keys,
                    &self.policy_key(*user, *index),
                    &owner,
                    &[],
                );
                instruction.accounts.extend(nodes);
                one(instruction, payer)
            }
            Op::ClaimCommission { user } => {
                let wallet = self.wallet(*user);
                one(ix::claim_commission(&wallet.pubkey(), &keys, &self.premium_account(*user)), wallet)
            }
            Op::ClaimRebate { user } => {
                let wallet = self.wallet(*user);
                one(ix::claim_rebate(&wallet.pubkey(), &keys, &self.credit_home(*user)), wallet)
            }
            Op::ClaimCredits { user } => {
                let wallet = self.wallet(*user);
                one(ix::claim_credits(&wallet.pubkey(), &keys, &self.credit_home(*user)), wallet)
            }
            Op::BuyCover { user, market, side, qty, margin, insured, index_ahead } => {
                let wallet = self.wallet(*user);
                let index = m.users[*user as usize].cover_count;
                let args = LiquidationCoverArgs {
                    order_id: 1_000_000 + index,
                    side: *side,
                    order_qty: *qty,
                    margin: *margin,
                    insured: *insured,
                };
                let market_id = m.markets[*market as usize].id;
                let instruction = ix::buy_liquidation_cover(
                    &wallet.pubkey(),
                    &keys,
                    &self.market_key(market_id),
                    &self.premium_account(*user),
                    index + u64::from(*index_ahead),
                    args,
                );
                one(instruction, wallet)
            }
            Op::Fill { user, cover, position, qty, wrong_signer } => {
                let reporter = wrong(self, self.reporter(), *wrong_signer);
                let ck = self.cover_keys(*user, *cover);
                let position = pda::position(&pool, &ck.owner, *position);
                one(ix::report_order_fill(&reporter.pubkey(), &pool, &ck.cover, &position, *qty), reporter)
            }
            Op::Cancel { user, cover, qty, pay_now, wrong_signer } => {
                let reporter = wrong(self, self.reporter(), *wrong_signer);
                let ck = self.cover_keys(*user, *cover);
                let token = pay_now.then(|| self.premium_account(*user));
                one(ix::cancel_order_remainder(&reporter.pubkey(), &keys, &ck, token, *qty), reporter)
            }
            Op::CloseOrder { user, cover, wrong_signer } => {
                let reporter = wrong(self, self.reporter(), *wrong_signer);
                let ck = self.cover_keys(*user, *cover);
                one(ix::close_order_cover(&reporter.pubkey(), &keys, &ck), reporter)
            }
            Op::Liquidate { user, cover, qty, loss, wrong_signer } => {
                let reporter = wrong(self, self.reporter(), *wrong_signer);
                let ck = self.cover_keys(*user, *cover);
                one(ix::report_liquidation(&reporter.pubkey(), &keys, &ck, *qty, *loss), reporter)
            }
            Op::Review { user, cover, approve, wrong_signer } => {
                let reviewer = wrong(self, self.reviewer(), *wrong_signer);
                let ck = self.cover_keys(*user, *cover);
                one(ix::review_claim(&reviewer.pubkey(), &keys, &ck, *approve), reviewer)
            }
            Op::Finalize { user, cover } => {
                let ck = self.cover_keys(*user, *cover);
                one(ix::finalize_claim(&payer.pubkey(), &keys, &ck), payer)
            }
            Op::ClaimVested { user, cover, wrong_signer } => {
                let ck = self.cover_keys(*user, *cover);
                let (signer, destination) = if *wrong_signer {
                    let other = (*user + 1) % self.wallets.len() as u32;
                    if other == *user {
                        (self.outsider(), self.funder_token)
                    } else {
                        (self.wallet(other), self.premium_account(other))
                    }
                } else {
                    (self.wallet(*user), self.premium_account(*user))
                };
                one(ix::claim_vested(&signer.pubkey(), &keys, &ck.cover, &destination), signer)
            }
            Op::ClaimRefund { user, cover } => {
                let wallet = self.wallet(*user);
                let ck = self.cover_keys(*user, *cover);
                one(
                    ix::claim_refund(&wallet.pubkey(), &keys, &ck.cover, &self.premium_account(*user)),
                    wallet,
                )
            }
            Op::Stake { user, amount } => {
                let wallet = self.wallet(*user);
                one(ix::stake(&wallet.pubkey(), &self.mining, &self.credit_home(*user), *amount), wallet)
            }
            Op::Unstake { user, amount } => {
                let wallet = self.wallet(*user);
                one(ix::unstake(&wallet.pubkey(), &self.mining, &self.credit_home(*user), *amount), wallet)
            }
            Op::ClaimRewards { user } => {
                let wallet = self.wallet(*user);
                one(ix::claim_rewards(&wallet.pubkey(), &self.mining, &self.reward_accounts[user]), wallet)
            }
            Op::FundRewards { amount, wrong_signer } => {
                let admin = wrong(self, self.admin(), *wrong_signer);
                let source = self.treasuries[&m.admin];
                one(ix::fund_rewards(&admin.pubkey(), &self.mining, &source, *amount), admin)
            }
            Op::WithdrawRewards { amount } => {
                let admin = self.admin();
                let destination = self.treasuries[&m.admin];
                one(ix::withdraw_rewards(&admin.pubkey(), &self.mining, &destination, *amount), admin)
            }
            Op::UpdateMining { params, wrong_signer } => {
                let admin = wrong(self, self.admin(), *wrong_signer);
                one(ix::update_mining_params(&admin.pubkey(), &self.mining, *params), admin)
            }
            Op::Deposit { amount } => {
                let funder = self.funder.insecure_clone();
                one(ix::deposit_capital(&funder.pubkey(), &keys, &self.funder_token, *amount), funder)
            }
            Op::WithdrawSurplus { amount, wrong_signer } => {
                let admin = wrong(self, self.admin(), *wrong_signer);
                one(ix::withdraw_surplus(&admin.pubkey(), &keys, &self.funder_token, *amount), admin)
            }
            Op::UpdateConfig { config, wrong_signer } => {
                let admin = wrong(self, self.admin(), *wrong_signer);
                one(ix::update_config(&admin.pubkey(), &pool, (**config).clone()), admin)
            }
            Op::UpdateLevels { levels } => {
                let admin = self.admin();
                one(ix::update_levels(&admin.pubkey(), &pool, levels.clone()), admin)
            }
            Op::SetPaused { paused } => {
                let admin = self.admin();
                one(ix::set_paused(&admin.pubkey(), &pool, *paused), admin)
            }
            Op::AssignLevel { user, level, wrong_signer } => {
                let admin = wrong(self, self.admin(), *wrong_signer);
                let node = pda::referral_node(&pool, &self.wallets[*user as usize].pubkey());
                one(ix::assign_level(&admin.pubkey(), &pool, &node, *level), admin)
            }
            Op::SetLead { user, flag } => {
                let admin = self.admin();
                let owner = self.wallets[*user as usize].pubkey();
                one(ix::set_lead_trader(&admin.pubkey(), &pool, &owner, *flag), admin)
            }
            Op::ProposeAdmin { staff } => {
                let admin = self.admin();
                let key = staff.map_or(Pubkey::default(), |s| self.staff[s as usize].pubkey());
                one(ix::propose_admin(&admin.pubkey(), &pool, key), admin)
            }
            Op::AcceptAdmin { staff } => {
                let signer = self.staff[*staff as usize].insecure_clone();
                one(ix::accept_admin(&signer.pubkey(), &pool), signer)
            }
            Op::SetRoles { roles } => {
                let admin = self.admin();
                let key =
                    |role: Option<u8>| role.map_or(Pubkey::default(), |s| self.staff[s as usize].pubkey());
                let roles = PoolRoles {
                    reporter: key(roles[0]),
                    oracle_authority: key(roles[1]),
                    reviewer: key(roles[2]),
                };
                one(ix::set_roles(&admin.pubkey(), &pool, roles), admin)
            }
            Op::AddMarket { id, params } => {
                let admin = self.admin();
                one(ix::add_market(&admin.pubkey(), &pool, *id, *params), admin)
            }
            Op::UpdateMarket { market, params } => {
                let admin = self.admin();
                let id = m.markets[*market as usize].id;
                one(ix::update_market(&admin.pubkey(), &pool, &self.market_key(id), *params), admin)
            }
            Op::ClosePolicy { user, index } => {
                let owner = self.wallets[*user as usize].pubkey();
                one(ix::close_policy(&payer.pubkey(), &self.policy_key(*user, *index), &owner), payer)
            }
            Op::ClosePolicyExposure { user, index, market } => {
                let policy = self.policy_key(*user, *index);
                let id = m.markets[*market as usize].id;
                let exposure = &m.policies[&(*user, *index)].exposure_accounts[&id];
                let address = pda::policy_exposure(&policy, &self.market_key(id));
                one(
                    ix::close_policy_exposure(&payer.pubkey(), &policy, &address, &exposure.rent_payer),
                    payer,
                )
            }
            Op::CloseCover { user, cover } => {
                let ck = self.cover_keys(*user, *cover);
                one(ix::close_liquidation_cover(&payer.pubkey(), &ck.cover, &ck.owner), payer)
            }
            Op::CloseMarketExposure { user, market } => {
                let owner = self.wallets[*user as usize].pubkey();
                let id = m.markets[*market as usize].id;
                let exposure = pda::exposure(&pool, &owner, &self.market_key(id));
                one(ix::close_market_exposure(&payer.pubkey(), &exposure, &owner), payer)
            }
            Op::CloseMiner { user } => {
                let owner = self.wallets[*user as usize].pubkey();
                one(ix::close_miner(&payer.pubkey(), &self.mining, &owner), payer)
            }
            Op::Wrong { kind, user, other, index, market } => {
                self.build_wrong(m, *kind, *user, *other, *index, *market)
            }
        }
    }

    /// An account substitution (see [`Wrong`]).
    fn build_wrong(
        &mut self,
        m: &Model,
        kind: Wrong,
        user: u32,
        other: u32,
        index: u64,
        market: u8,
    ) -> (Vec<Instruction>, Keypair) {
        let pool = self.pool();
        let keys = self.f.keys;
        let payer = self.f.chain.payer().insecure_clone();
        let wallet = self.wallet(user);
        let owner = wallet.pubkey();
        let other_wallet = self.wallets[other as usize].pubkey();
        let pyth = |w: &mut World, feed_id: [u8; 32], fully_verified: bool, receiver_owned: bool| {
            let market_id = m.markets[market as usize].id;
            let update = Pubkey::new_unique();
            let mut account = price_update_account(
                PythPrice {
                    feed_id,
                    price: 15_000_000_000,
                    conf: 0,
                    exponent: model::PYTH_EXPONENT,
                    publish_time: m.now,
                    fully_verified,
                },
                10_000_000,
            );
            if !receiver_owned {
                account.owner = anchor_lang::system_program::ID;
            }
            w.f.chain.set_account(&update, account);
            (
                vec![ix::record_pyth_price(&payer.pubkey(), &pool, &w.market_key(market_id), &update)],
                payer.insecure_clone(),
            )
        };
        match kind {
            Wrong::CommissionToCreditAccount => {
                (vec![ix::claim_commission(&owner, &keys, &self.credit_home(user))], wallet)
            }
            Wrong::PremiumFromCreditAccount => {
                let index = m.users[user as usize].policy_count;
                let premium = m.config.tiers[0].min;
                let uplines: Vec<Pubkey> = m
                    .uplines(user)
                    .iter()
                    .map(|&u| pda::referral_node(&pool, &self.wallets[u as usize].pubkey()))
                    .collect();
                (
                    vec![ix::buy_policy(&owner, &keys, &self.credit_home(user), index, premium, &uplines)],
                    wallet,
                )
            }
            Wrong::ReportWithOthersUser => {
                let p = &m.positions[&(user, index)];
                let update = PositionUpdate::Close { size: p.size, price: p.entry, fee: 0 };
                let (mut instructions, signer) = self.position_update(m, user, index, update, m.now, false);
                ix::replace_account(
                    &mut instructions[0],
                    &pda::user(&pool, &owner),
                    &pda::user(&pool, &other_wallet),
                );
                (instructions, signer)
            }
            Wrong::CompensateOthersOwner => {
                let policy = self.policy_key(user, index);
                (vec![ix::issue_compensation(&payer.pubkey(), &keys, &policy, &other_wallet, &[])], payer)
            }
            Wrong::CloseToOthersOwner => {
                (vec![ix::close_policy(&payer.pubkey(), &self.policy_key(user, index), &other_wallet)], payer)
            }
            Wrong::SettleOddAccounts => {
                let policy = self.policy_key(user, index);
                let mut instruction = ix::settle_policy(&payer.pubkey(), &pool, &policy, &owner, &[]);
                let feed = pda::mark_price_feed(&self.market_key(m.markets[0].id));
                instruction.accounts.push(AccountMeta::new_readonly(feed, false));
                (vec![instruction], payer)
            }
            Wrong::EarlyWithOtherMarket => {
                let policy =
                    self.policy_key(user, m.users[user as usize].active_policy.expect("active policy"));
                let other_market = self.market_key(m.markets[market as usize].id);
                let triple = ix::PositionTriple {
                    position: pda::position(&pool, &owner, index),
                    market: other_market,
                    mark_price_feed: pda::mark_price_feed(&other_market),
                };
                (vec![ix::request_early_settlement(&owner, &pool, &policy, index, Some(triple))], wallet)
            }
            Wrong::PythOtherFeed => pyth(self, [8; 32], true, true),
            Wrong::PythPartiallyVerified => pyth(self, [7; 32], false, true),
            Wrong::PythNotReceiverOwned => pyth(self, [7; 32], true, false),
        }
    }

    fn position_update(
        &self,
        m: &Model,
        user: u32,
        id: u64,
        update: PositionUpdate,
        event_time: i64,
        wrong_signer: bool,
    ) -> (Vec<Instruction>, Keypair) {
        let pool = self.pool();
        let owner = self.wallets[user as usize].pubkey();
        let position = &m.positions[&(user, id)];
        let policy = position.policy.map(|index| self.policy_key(user, index));
        let reporter = if wrong_signer { self.outsider() } else { self.reporter() };
        let instruction = ix::update_position(
            &reporter.pubkey(),
            &pool,
            &self.market_key(position.market),
            &owner,
            &pda::position(&pool, &owner, id),
            policy,
            update,
            event_time,
        );
        (vec![instruction], reporter)
    }

    /// The upline accounts a walk from `user` passes, altered as `mode` says.
    fn upline_metas(&self, m: &Model, user: u32, mode: Uplines) -> Vec<AccountMeta> {
        let pool = self.pool();
        let wallet = |u: u32| self.wallets[u as usize].pubkey();
        let uplines = m.uplines(user);
        let mut metas: Vec<AccountMeta> =
            uplines.iter().map(|&u| AccountMeta::new(pda::referral_node(&pool, &wallet(u)), false)).collect();
        let n = metas.len();
        match mode {
            Uplines::Exact => {}
            Uplines::Missing if n >= 1 => {
                metas.pop();
            }
            Uplines::Extra => metas.push(AccountMeta::new(pda::referral_node(&pool, &wallet(user)), false)),
            Uplines::Swapped if n >= 2 => metas.swap(0, 1),
            Uplines::ReadOnly if n >= 1 => metas[0].is_writable = false,
            Uplines::WrongType if n >= 1 => {
                metas[0] = AccountMeta::new(pda::user(&pool, &wallet(uplines[0])), false)
            }
            Uplines::Foreign if n >= 1 => metas[0] = AccountMeta::new(wallet(uplines[0]), false),
            _ => {}
        }
        metas
    }

    // --- comparing ----------------------------------------------------------------------------

    async fn compare_after(
        &mut self,
        op: &Op,
        step: usize,
        expected_events: &[&'static str],
        events: &[&'static str],
    ) -> Result<(), Failure> {
        let name = op.instruction().unwrap_or("(no instruction)");
        if expected_events != events {
            return Err(self.fail(
                step,
                &format!("{name}: events"),
                format!("model expects {expected_events:?}, chain emitted {events:?}"),
            ));
        }
        if let Some(finding) = self.model.findings.first().cloned() {
            return Err(self.fail(step, "invariant", finding));
        }
        if let Some(problem) = self.ledger.problems.first().cloned() {
            return Err(self.fail(step, "ledger", problem));
        }
        let touched = std::mem::take(&mut self.model.touched);
        self.steps_since_full += 1;
        let mut diffs = if self.steps_since_full >= self.full_every {
            self.steps_since_full = 0;
            crate::compare::everything(self).await
        } else {
            crate::compare::touched(self, &touched).await
        };
        diffs.extend(crate::compare::pool_and_vault(self).await);
        if let Some(diff) = diffs.first() {
            let kind = format!("{name}: {}", diff.split(':').next().unwrap_or("state"));
            return Err(self.fail(step, &kind, diffs.join("\n")));
        }
        Ok(())
    }

    /// Compares every account the model knows (end of a run).
    pub async fn final_check(&mut self, step: usize) -> Result<(), Failure> {
        let mut diffs = crate::compare::everything(self).await;
        diffs.extend(crate::compare::pool_and_vault(self).await);
        if let Some(diff) = diffs.first() {
            let kind = format!("final: {}", diff.split(':').next().unwrap_or("state"));
            return Err(self.fail(step, &kind, diffs.join("\n")));
        }
        Ok(())
    }

    pub fn chain(&mut self) -> &mut Chain {
        &mut self.f.chain
    }

    // accessors for `compare`
    pub fn wallet_key(&self, user: u32) -> Pubkey {
        self.wallets[user as usize].pubkey()
    }
    pub fn premium_account_of(&self, user: u32) -> Pubkey {
        self.premium_account(user)
    }
    pub fn credit_ata_of(&self, user: u32) -> Pubkey {
        self.credit_ata(user)
    }
    pub fn spare_of(&self, user: u32) -> Option<Pubkey> {
        self.spares.get(&user).map(|k| k.pubkey())
    }
    pub fn reward_account_of(&self, user: u32) -> Option<Pubkey> {
        self.reward_accounts.get(&user).copied()
    }
    pub fn treasury_of(&self, key: &Pubkey) -> Pubkey {
        self.treasuries[key]
    }
    pub fn market_address(&self, id: u16) -> Pubkey {
        self.market_key(id)
    }
    pub fn policy_address(&self, user: u32, index: u64) -> Pubkey {
        self.policy_key(user, index)
    }
}
