/**
 * Activity for the cip-audit integration test, built only on the program's IDL: every instruction
 * through `@anchor-lang/core` `Program.methods.<ix>(...).accountsStrict({...})` (accounts as in
 * `crates/harness/src/ix.rs`), token set-up with `@solana/spl-token` instruction builders, sent
 * through a stock `AnchorProvider` (the admin pays; traders and roles co-sign). Independent of the
 * SDK's instruction builders on purpose.
 */
import { AnchorProvider, BN, Program, Wallet } from "@anchor-lang/core";
import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  AuthorityType,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeAccount3Instruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  createSetAuthorityInstruction,
  getAssociatedTokenAddressSync,
  MINT_SIZE,
  ACCOUNT_SIZE,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  SYSVAR_CLOCK_PUBKEY,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";

import idlJson from "../../../idl/contract_insurance.json";
import { btcMarket } from "./world";
import { defaultConfig } from "@contract-insurance/sdk";
// The type generated from the same IDL by cip-idl (types only: no SDK code is used).
import type { ContractInsurance } from "../../../sdk/src/idl/contract_insurance";

export const PROGRAM_ID = new PublicKey(idlJson.address);
const DECIMALS = 6;
/** One whole premium token (USDT) / one BTC of size / one USD of price, in base units. */
export const USD = 1_000_000;
export const BTC = 1_000_000;

function find(seeds: (Buffer | Uint8Array)[]): PublicKey {
  return PublicKey.findProgramAddressSync(seeds, PROGRAM_ID)[0];
}
function u64(value: number | bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(BigInt(value));
  return buffer;
}

/** The program's PDAs (seeds of `programs/contract-insurance/src/constants.rs`). */
export const pdas = {
  pool: (mint: PublicKey) => find([Buffer.from("pool"), mint.toBuffer()]),
  creditMint: (pool: PublicKey) => find([Buffer.from("credit_mint"), pool.toBuffer()]),
  market: (pool: PublicKey, id: number) => {
    const idBytes = Buffer.alloc(2);
    idBytes.writeUInt16LE(id);
    return find([Buffer.from("market"), pool.toBuffer(), idBytes]);
  },
  markPriceFeed: (market: PublicKey) => find([Buffer.from("mark_price"), market.toBuffer()]),
  user: (pool: PublicKey, owner: PublicKey) => find([Buffer.from("user"), pool.toBuffer(), owner.toBuffer()]),
  referralNode: (pool: PublicKey, owner: PublicKey) => find([Buffer.from("referral"), pool.toBuffer(), owner.toBuffer()]),
  policy: (pool: PublicKey, owner: PublicKey, index: number) => find([Buffer.from("policy"), pool.toBuffer(), owner.toBuffer(), u64(index)]),
  position: (pool: PublicKey, owner: PublicKey, id: number) => find([Buffer.from("position"), pool.toBuffer(), owner.toBuffer(), u64(id)]),
  policyExposure: (policy: PublicKey, market: PublicKey) => find([Buffer.from("policy_exposure"), policy.toBuffer(), market.toBuffer()]),
  cover: (pool: PublicKey, owner: PublicKey, index: number) => find([Buffer.from("liquidation_cover"), pool.toBuffer(), owner.toBuffer(), u64(index)]),
  exposure: (pool: PublicKey, owner: PublicKey, market: PublicKey) => find([Buffer.from("exposure"), pool.toBuffer(), owner.toBuffer(), market.toBuffer()]),
  miningPool: (pool: PublicKey) => find([Buffer.from("mining_pool"), pool.toBuffer()]),
  stakeVault: (miningPool: PublicKey) => find([Buffer.from("stake_vault"), miningPool.toBuffer()]),
  rewardVault: (miningPool: PublicKey) => find([Buffer.from("reward_vault"), miningPool.toBuffer()]),
  miner: (miningPool: PublicKey, owner: PublicKey) => find([Buffer.from("miner"), miningPool.toBuffer(), owner.toBuffer()]),
  eventAuthority: () => find([Buffer.from("__event_authority")]),
};

export interface Trader {
  wallet: Keypair;
  token: PublicKey;
  user: PublicKey;
  node: PublicKey;
  /** Referral nodes a purchase or compensation passes, direct referrer first. */
  uplines: PublicKey[];
  policies: number;
  covers: number;
}

export const long = { long: {} };

async function rpcCall(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

export class Activity {
  readonly provider: AnchorProvider;
  readonly program: Program<ContractInsurance>;
  readonly reporter = Keypair.generate();
  readonly oracleAuthority = Keypair.generate();
  readonly reviewer = Keypair.generate();
  readonly mint = Keypair.generate();
  readonly pool: PublicKey;
  readonly vault: PublicKey;
  readonly creditMint: PublicKey;
  readonly market: PublicKey;
  readonly event = { eventAuthority: pdas.eventAuthority(), program: PROGRAM_ID };
  adminToken!: PublicKey;
  /** Every signature this helper sent, in order. */
  readonly signatures: string[] = [];

  constructor(
    readonly connection: Connection,
    readonly admin: Keypair,
  ) {
    this.provider = new AnchorProvider(connection, new Wallet(admin), { commitment: "confirmed", preflightCommitment: "confirmed" });
    this.program = new Program<ContractInsurance>(idlJson as unknown as ContractInsurance, this.provider);
    this.pool = pdas.pool(this.mint.publicKey);
    this.vault = getAssociatedTokenAddressSync(this.mint.publicKey, this.pool, true);
    this.creditMint = pdas.creditMint(this.pool);
    this.market = pdas.market(this.pool, 1);
  }

  get m() {
    return this.program.methods;
  }

  get rpcUrl(): string {
    return this.connection.rpcEndpoint;
  }

  async send(instructions: TransactionInstruction[], signers: Keypair[] = []): Promise<string> {
    const signature = await this.provider.sendAndConfirm(new Transaction().add(...instructions), signers, { commitment: "confirmed" });
    this.signatures.push(signature);
    return signature;
  }

  async now(): Promise<number> {
    const clock = await this.connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY, "confirmed");
    return Number(clock!.data.readBigInt64LE(32));
  }

  /** `surfnet_timeTravel` to `unix` seconds (forward only), then waits for the Clock to show it. */
  async travelTo(unix: number): Promise<void> {
    await rpcCall(this.rpcUrl, "surfnet_timeTravel", [{ absoluteTimestamp: Math.round(unix * 1000) }]);
    for (let attempt = 0; attempt < 400; attempt++) {
      if ((await this.now()) >= unix) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`clock did not reach ${unix}`);
  }

  /** `surfnet_setAccount` (cheatcode): the account's data (hex), owner and lamports. */
  async setAccount(address: PublicKey, data: Buffer, owner: PublicKey, lamports: number): Promise<void> {
    await rpcCall(this.rpcUrl, "surfnet_setAccount", [address.toBase58(), { data: data.toString("hex"), owner: owner.toBase58(), lamports }]);
  }

  // --- pool -------------------------------------------------------------------------------------

  /** Premium mint, the pool (custom levels with commission and rebate rates), one BTC market. */
  async createPool(): Promise<void> {
    const signature = await this.connection.requestAirdrop(this.admin.publicKey, 100 * LAMPORTS_PER_SOL);
    await this.connection.confirmTransaction({ signature, ...(await this.connection.getLatestBlockhash("confirmed")) }, "confirmed");
    const rent = await this.connection.getMinimumBalanceForRentExemption(MINT_SIZE);
    this.adminToken = getAssociatedTokenAddressSync(this.mint.publicKey, this.admin.publicKey);
    await this.send(
      [
        SystemProgram.createAccount({ fromPubkey: this.admin.publicKey, newAccountPubkey: this.mint.publicKey, lamports: rent, space: MINT_SIZE, programId: TOKEN_PROGRAM_ID }),
        createInitializeMint2Instruction(this.mint.publicKey, DECIMALS, this.admin.publicKey, null),
        createAssociatedTokenAccountIdempotentInstruction(this.admin.publicKey, this.adminToken, this.admin.publicKey, this.mint.publicKey),
        createMintToInstruction(this.mint.publicKey, this.adminToken, this.admin.publicKey, 100_000n * BigInt(USD)),
        ...[this.reporter, this.oracleAuthority, this.reviewer].map((role) =>
          SystemProgram.transfer({ fromPubkey: this.admin.publicKey, toPubkey: role.publicKey, lamports: LAMPORTS_PER_SOL }),
        ),
      ],
      [this.mint],
    );
    const usd = (whole: number) => new BN(whole).mul(new BN(USD));
    // The spec's defaults with preset B's 5% direct bonus, under two levels of its own.
    const config = defaultConfig(6, "B");
    const levels = [
      { minTeamVolume: new BN(0), commissionBps: 1_500, rebateBps: 500 },
      { minTeamVolume: usd(10_000), commissionBps: 2_000, rebateBps: 800 },
    ];
    const roles = { reporter: this.reporter.publicKey, oracleAuthority: this.oracleAuthority.publicKey, reviewer: this.reviewer.publicKey };
    await this.send([
      await this.m
        .initializePool({ roles, config, levels })
        .accountsStrict({
          admin: this.admin.publicKey,
          premiumMint: this.mint.publicKey,
          pool: this.pool,
          creditMint: this.creditMint,
          vault: this.vault,
          programData: null,
          tokenProgram: TOKEN_PROGRAM_ID,
          associatedTokenProgram: ASSOCIATED_TOKEN_PROGRAM_ID,
          systemProgram: SystemProgram.programId,
          ...this.event,
        })
        .instruction(),
      await this.m
        .addMarket(1, btcMarket())
        .accountsStrict({
          admin: this.admin.publicKey,
          pool: this.pool,
          market: this.market,
          markPriceFeed: pdas.markPriceFeed(this.market),
          systemProgram: SystemProgram.programId,
          ...this.event,
        })
        .instruction(),
    ]);
  }

  /** A wallet with SOL and `usdt` premium tokens, registered under `referrer` — one transaction. */
  async newTrader(referrer: Trader | null, usdt: number): Promise<Trader> {
    const wallet = Keypair.generate();
    const token = getAssociatedTokenAddressSync(this.mint.publicKey, wallet.publicKey);
    const user = pdas.user(this.pool, wallet.publicKey);
    const node = pdas.referralNode(this.pool, wallet.publicKey);
    await this.send(
      [
        SystemProgram.transfer({ fromPubkey: this.admin.publicKey, toPubkey: wallet.publicKey, lamports: LAMPORTS_PER_SOL }),
        createAssociatedTokenAccountIdempotentInstruction(this.admin.publicKey, token, wallet.publicKey, this.mint.publicKey),
        createMintToInstruction(this.mint.publicKey, token, this.admin.publicKey, BigInt(usdt) * BigInt(USD)),
        await this.m
          .register()
          .accountsStrict({
            wallet: wallet.publicKey,
            pool: this.pool,
            user,
            referralNode: node,
            referrerNode: referrer?.node ?? null,
            systemProgram: SystemProgram.programId,
            ...this.event,
          })
          .instruction(),
      ],
      [wallet],
    );
    const uplines = referrer ? [referrer.node, ...referrer.uplines].slice(0, 10) : [];
    return { wallet, token, user, node, uplines, policies: 0, covers: 0 };
  }

  positionOf(trader: Trader, id: number): PublicKey {
    return pdas.position(this.pool, trader.wallet.publicKey, id);
  }

  creditAccount(owner: PublicKey): PublicKey {
    return getAssociatedTokenAddressSync(this.creditMint, owner, true);
  }

  // --- loss cover -------------------------------------------------------------------------------

  async buyPolicy(trader: Trader, premium: number): Promise<PublicKey> {
    const index = trader.policies;
    const policy = pdas.policy(this.pool, trader.wallet.publicKey, index);
    await this.send(
      [
        await this.m
          .buyPolicy(new BN(index), new BN(premium))
          .accountsStrict({
            trader: trader.wallet.publicKey,
            premiumMint: this.mint.publicKey,
            pool: this.pool,
            vault: this.vault,
            tokenProgram: TOKEN_PROGRAM_ID,
            user: trader.user,
            referralNode: trader.node,
            policy,
            traderToken: trader.token,
            systemProgram: SystemProgram.programId,
            ...this.event,
          })
          .remainingAccounts(trader.uplines.map((pubkey) => ({ pubkey, isSigner: false, isWritable: true })))
          .instruction(),
      ],
      [trader.wallet],
    );
    trader.policies += 1;
    return policy;
  }

  async openPosition(trader: Trader, id: number, size: number, price: number, openedAt: number, policy: PublicKey | null): Promise<PublicKey> {
    const position = pdas.position(this.pool, trader.wallet.publicKey, id);
    await this.send(
      [
        await this.m
          .openPosition(new BN(id), { side: long, size: new BN(size), entryPrice: new BN(price), margin: new BN(1_000 * USD), openedAt: new BN(openedAt) })
          .accountsStrict({
            reporter: this.reporter.publicKey,
            pool: this.pool,
            market: this.market,
            user: trader.user,
            position,
            policy,
            policyExposure: policy ? pdas.policyExposure(policy, this.market) : null,
            systemProgram: SystemProgram.programId,
            ...this.event,
          })
          .instruction(),
      ],
      [this.reporter],
    );
    return position;
  }

  async closePosition(trader: Trader, id: number, size: number, price: number, at: number, policy: PublicKey | null): Promise<void> {
    await this.send(
      [
        await this.m
          .closePosition(new BN(size), new BN(price), new BN(0), new BN(at))
          .accountsStrict({
            reporter: this.reporter.publicKey,
            pool: this.pool,
            market: this.market,
            user: trader.user,
            position: pdas.position(this.pool, trader.wallet.publicKey, id),
            policy,
            policyExposure: policy ? pdas.policyExposure(policy, this.market) : null,
            ...this.event,
          })
          .instruction(),
      ],
      [this.reporter],
    );
  }

  /** The owner settles early on a position already closed in the window (named by id). */
  async settleEarly(trader: Trader, policy: PublicKey, positionId: number): Promise<void> {
    await this.send(
      [
        await this.m
          .requestEarlySettlement(new BN(positionId))
          .accountsStrict({ owner: trader.wallet.publicKey, pool: this.pool, policy, position: null, market: null, markPriceFeed: null, ...this.event })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  /** Anyone settles a policy with no exposures after its window closed. */
  async settle(trader: Trader, policy: PublicKey): Promise<void> {
    await this.send([
      await this.m
        .settlePolicy()
        .accountsStrict({ keeper: this.admin.publicKey, pool: this.pool, policy, user: trader.user, ...this.event })
        .instruction(),
    ]);
  }

  async issueCompensation(trader: Trader, policy: PublicKey): Promise<void> {
    await this.send([
      await this.m
        .issueCompensation()
        .accountsStrict({
          keeper: this.admin.publicKey,
          pool: this.pool,
          policy,
          user: trader.user,
          owner: trader.wallet.publicKey,
          ownerNode: trader.node,
          creditMint: this.creditMint,
          ownerCreditAccount: this.creditAccount(trader.wallet.publicKey),
          tokenProgram: TOKEN_PROGRAM_ID,
          associatedTokenProgram: ASSOCIATED_TOKEN_PROGRAM_ID,
          systemProgram: SystemProgram.programId,
          ...this.event,
        })
        .remainingAccounts(trader.uplines.map((pubkey) => ({ pubkey, isSigner: false, isWritable: true })))
        .instruction(),
    ]);
  }

  /** Creates the trader's associated credit account and hands it to another wallet (on SPL Token an owner may): compensation is then deferred. */
  async reassignCreditAccount(trader: Trader): Promise<void> {
    const ata = this.creditAccount(trader.wallet.publicKey);
    await this.send(
      [
        createAssociatedTokenAccountIdempotentInstruction(this.admin.publicKey, ata, trader.wallet.publicKey, this.creditMint),
        createSetAuthorityInstruction(ata, trader.wallet.publicKey, AuthorityType.AccountOwner, Keypair.generate().publicKey),
      ],
      [trader.wallet],
    );
  }

  /** A fresh (non-associated) credit token account owned by `owner`. */
  async newCreditAccount(owner: PublicKey): Promise<PublicKey> {
    const account = Keypair.generate();
    const rent = await this.connection.getMinimumBalanceForRentExemption(ACCOUNT_SIZE);
    await this.send(
      [
        SystemProgram.createAccount({ fromPubkey: this.admin.publicKey, newAccountPubkey: account.publicKey, lamports: rent, space: ACCOUNT_SIZE, programId: TOKEN_PROGRAM_ID }),
        createInitializeAccount3Instruction(account.publicKey, this.creditMint, owner),
      ],
      [account],
    );
    return account.publicKey;
  }

  async claimCredits(trader: Trader, destination: PublicKey): Promise<void> {
    await this.send(
      [
        await this.m
          .claimCredits()
          .accountsStrict({ owner: trader.wallet.publicKey, pool: this.pool, user: trader.user, creditMint: this.creditMint, destination, tokenProgram: TOKEN_PROGRAM_ID, ...this.event })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async claimCommission(trader: Trader): Promise<void> {
    await this.send(
      [
        await this.m
          .claimCommission()
          .accountsStrict({
            owner: trader.wallet.publicKey,
            premiumMint: this.mint.publicKey,
            pool: this.pool,
            vault: this.vault,
            tokenProgram: TOKEN_PROGRAM_ID,
            referralNode: trader.node,
            destination: trader.token,
            ...this.event,
          })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async claimRebate(trader: Trader): Promise<void> {
    const destination = this.creditAccount(trader.wallet.publicKey);
    await this.send(
      [
        createAssociatedTokenAccountIdempotentInstruction(this.admin.publicKey, destination, trader.wallet.publicKey, this.creditMint),
        await this.m
          .claimRebate()
          .accountsStrict({ owner: trader.wallet.publicKey, pool: this.pool, referralNode: trader.node, creditMint: this.creditMint, destination, tokenProgram: TOKEN_PROGRAM_ID, ...this.event })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async closePolicyExposure(policy: PublicKey): Promise<void> {
    await this.send([
      await this.m
        .closePolicyExposure()
        .accountsStrict({
          closer: this.admin.publicKey,
          policy,
          exposure: pdas.policyExposure(policy, this.market),
          rentPayer: this.reporter.publicKey,
          ...this.event,
        })
        .instruction(),
    ]);
  }

  async closePolicy(trader: Trader, policy: PublicKey): Promise<void> {
    await this.send([
      await this.m
        .closePolicy()
        .accountsStrict({ closer: this.admin.publicKey, policy, owner: trader.wallet.publicKey, ...this.event })
        .instruction(),
    ]);
  }

  // --- treasury ---------------------------------------------------------------------------------

  private vaultAccounts() {
    return { premiumMint: this.mint.publicKey, pool: this.pool, vault: this.vault, tokenProgram: TOKEN_PROGRAM_ID };
  }

  async depositCapital(amount: number): Promise<void> {
    await this.send([
      await this.m
        .depositCapital(new BN(amount))
        .accountsStrict({ depositor: this.admin.publicKey, ...this.vaultAccounts(), source: this.adminToken, ...this.event })
        .instruction(),
    ]);
  }

  async withdrawSurplus(amount: number): Promise<void> {
    await this.send([
      await this.m
        .withdrawSurplus(new BN(amount))
        .accountsStrict({ admin: this.admin.publicKey, ...this.vaultAccounts(), destination: this.adminToken, ...this.event })
        .instruction(),
    ]);
  }

  // --- liquidation cover ------------------------------------------------------------------------

  async buyCover(trader: Trader, orderQty: number, margin: number, insured: number): Promise<PublicKey> {
    const index = trader.covers;
    const cover = pdas.cover(this.pool, trader.wallet.publicKey, index);
    await this.send(
      [
        await this.m
          .buyLiquidationCover(new BN(index), { orderId: new BN(index + 1), side: long, orderQty: new BN(orderQty), margin: new BN(margin), insured: { amount: [new BN(insured)] } })
          .accountsStrict({
            trader: trader.wallet.publicKey,
            ...this.vaultAccounts(),
            user: trader.user,
            market: this.market,
            exposure: pdas.exposure(this.pool, trader.wallet.publicKey, this.market),
            cover,
            traderToken: trader.token,
            systemProgram: SystemProgram.programId,
            ...this.event,
          })
          .instruction(),
      ],
      [trader.wallet],
    );
    trader.covers += 1;
    return cover;
  }

  async fill(cover: PublicKey, position: PublicKey, qty: number): Promise<void> {
    await this.send(
      [
        await this.m
          .reportOrderFill(new BN(qty))
          .accountsStrict({ reporter: this.reporter.publicKey, pool: this.pool, cover, position, ...this.event })
          .instruction(),
      ],
      [this.reporter],
    );
  }

  /** Cancels `qty` of the order; with the trader's token account the refund is paid at once. */
  async cancel(trader: Trader, cover: PublicKey, qty: number, withTraderToken: boolean): Promise<void> {
    await this.send(
      [
        await this.m
          .cancelOrderRemainder(new BN(qty))
          .accountsStrict({
            reporter: this.reporter.publicKey,
            ...this.vaultAccounts(),
            cover,
            exposure: pdas.exposure(this.pool, trader.wallet.publicKey, this.market),
            traderToken: withTraderToken ? trader.token : null,
            ...this.event,
          })
          .instruction(),
      ],
      [this.reporter],
    );
  }

  private outcomeAccounts(trader: Trader, cover: PublicKey) {
    return {
      reporter: this.reporter.publicKey,
      pool: this.pool,
      vault: this.vault,
      user: trader.user,
      cover,
      exposure: pdas.exposure(this.pool, trader.wallet.publicKey, this.market),
      ...this.event,
    };
  }

  async closeOrderCover(trader: Trader, cover: PublicKey): Promise<void> {
    await this.send([await this.m.closeOrderCover().accountsStrict(this.outcomeAccounts(trader, cover)).instruction()], [this.reporter]);
  }

  async reportLiquidation(trader: Trader, cover: PublicKey, qty: number, loss: number): Promise<void> {
    await this.send(
      [await this.m.reportLiquidation(new BN(qty), new BN(loss)).accountsStrict(this.outcomeAccounts(trader, cover)).instruction()],
      [this.reporter],
    );
  }

  async review(trader: Trader, cover: PublicKey, approve: boolean): Promise<void> {
    await this.send(
      [
        await this.m
          .reviewClaim(approve)
          .accountsStrict({ authority: this.reviewer.publicKey, pool: this.pool, vault: this.vault, user: trader.user, cover, ...this.event })
          .instruction(),
      ],
      [this.reviewer],
    );
  }

  async finalize(trader: Trader, cover: PublicKey): Promise<void> {
    await this.send([
      await this.m
        .finalizeClaim()
        .accountsStrict({ authority: this.admin.publicKey, pool: this.pool, vault: this.vault, user: trader.user, cover, ...this.event })
        .instruction(),
    ]);
  }

  async claimVested(trader: Trader, cover: PublicKey): Promise<void> {
    await this.send(
      [
        await this.m
          .claimVested()
          .accountsStrict({ owner: trader.wallet.publicKey, ...this.vaultAccounts(), cover, destination: trader.token, ...this.event })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async claimRefund(trader: Trader, cover: PublicKey): Promise<void> {
    await this.send(
      [
        await this.m
          .claimRefund()
          .accountsStrict({ owner: trader.wallet.publicKey, ...this.vaultAccounts(), cover, destination: trader.token, ...this.event })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async closeCover(trader: Trader, cover: PublicKey): Promise<void> {
    await this.send([
      await this.m
        .closeLiquidationCover()
        .accountsStrict({ closer: this.admin.publicKey, cover, owner: trader.wallet.publicKey, ...this.event })
        .instruction(),
    ]);
  }

  async closeMarketExposure(trader: Trader): Promise<void> {
    await this.send([
      await this.m
        .closeMarketExposure()
        .accountsStrict({
          closer: this.admin.publicKey,
          exposure: pdas.exposure(this.pool, trader.wallet.publicKey, this.market),
          owner: trader.wallet.publicKey,
          ...this.event,
        })
        .instruction(),
    ]);
  }

  // --- mining -----------------------------------------------------------------------------------

  readonly rewardMint = Keypair.generate();

  get mining() {
    const miningPool = pdas.miningPool(this.pool);
    return { miningPool, stakeVault: pdas.stakeVault(miningPool), rewardVault: pdas.rewardVault(miningPool) };
  }

  async initMining(rewardPerSecond: number): Promise<void> {
    const rent = await this.connection.getMinimumBalanceForRentExemption(MINT_SIZE);
    const adminReward = getAssociatedTokenAddressSync(this.rewardMint.publicKey, this.admin.publicKey);
    await this.send(
      [
        SystemProgram.createAccount({ fromPubkey: this.admin.publicKey, newAccountPubkey: this.rewardMint.publicKey, lamports: rent, space: MINT_SIZE, programId: TOKEN_PROGRAM_ID }),
        createInitializeMint2Instruction(this.rewardMint.publicKey, DECIMALS, this.admin.publicKey, null),
        createAssociatedTokenAccountIdempotentInstruction(this.admin.publicKey, adminReward, this.admin.publicKey, this.rewardMint.publicKey),
        createMintToInstruction(this.rewardMint.publicKey, adminReward, this.admin.publicKey, 1_000_000n * BigInt(USD)),
      ],
      [this.rewardMint],
    );
    const { miningPool, stakeVault, rewardVault } = this.mining;
    await this.send([
      await this.m
        .initMiningPool({ rewardPerSecond: new BN(rewardPerSecond), endTime: null, unstakeAllowed: true, unstakeCooldown: new BN(0) })
        .accountsStrict({
          admin: this.admin.publicKey,
          pool: this.pool,
          miningPool,
          creditMint: this.creditMint,
          rewardMint: this.rewardMint.publicKey,
          stakeVault,
          rewardVault,
          tokenProgram: TOKEN_PROGRAM_ID,
          systemProgram: SystemProgram.programId,
          ...this.event,
        })
        .instruction(),
    ]);
  }

  private rewardAccounts() {
    const { miningPool, rewardVault } = this.mining;
    return { admin: this.admin.publicKey, pool: this.pool, miningPool, rewardMint: this.rewardMint.publicKey, rewardVault, tokenProgram: TOKEN_PROGRAM_ID, ...this.event };
  }

  async fundRewards(amount: number): Promise<void> {
    const source = getAssociatedTokenAddressSync(this.rewardMint.publicKey, this.admin.publicKey);
    await this.send([await this.m.fundRewards(new BN(amount)).accountsStrict({ ...this.rewardAccounts(), source }).instruction()]);
  }

  async withdrawRewards(amount: number): Promise<void> {
    const destination = getAssociatedTokenAddressSync(this.rewardMint.publicKey, this.admin.publicKey);
    await this.send([await this.m.withdrawRewards(new BN(amount)).accountsStrict({ ...this.rewardAccounts(), destination }).instruction()]);
  }

  async stake(trader: Trader, amount: number): Promise<void> {
    const { miningPool, stakeVault } = this.mining;
    await this.send(
      [
        await this.m
          .stake(new BN(amount))
          .accountsStrict({
            owner: trader.wallet.publicKey,
            miningPool,
            miner: pdas.miner(miningPool, trader.wallet.publicKey),
            creditMint: this.creditMint,
            source: this.creditAccount(trader.wallet.publicKey),
            stakeVault,
            tokenProgram: TOKEN_PROGRAM_ID,
            systemProgram: SystemProgram.programId,
            ...this.event,
          })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async unstake(trader: Trader, amount: number): Promise<void> {
    const { miningPool, stakeVault } = this.mining;
    await this.send(
      [
        await this.m
          .unstake(new BN(amount))
          .accountsStrict({
            owner: trader.wallet.publicKey,
            miningPool,
            miner: pdas.miner(miningPool, trader.wallet.publicKey),
            mint: this.creditMint,
            vault: stakeVault,
            destination: this.creditAccount(trader.wallet.publicKey),
            tokenProgram: TOKEN_PROGRAM_ID,
            ...this.event,
          })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async claimRewards(trader: Trader): Promise<void> {
    const { miningPool, rewardVault } = this.mining;
    const destination = getAssociatedTokenAddressSync(this.rewardMint.publicKey, trader.wallet.publicKey);
    await this.send(
      [
        createAssociatedTokenAccountIdempotentInstruction(this.admin.publicKey, destination, trader.wallet.publicKey, this.rewardMint.publicKey),
        await this.m
          .claimRewards()
          .accountsStrict({
            owner: trader.wallet.publicKey,
            miningPool,
            miner: pdas.miner(miningPool, trader.wallet.publicKey),
            mint: this.rewardMint.publicKey,
            vault: rewardVault,
            destination,
            tokenProgram: TOKEN_PROGRAM_ID,
            ...this.event,
          })
          .instruction(),
      ],
      [trader.wallet],
    );
  }

  async closeMiner(trader: Trader): Promise<void> {
    const { miningPool } = this.mining;
    await this.send([
      await this.m
        .closeMiner()
        .accountsStrict({ closer: this.admin.publicKey, miningPool, miner: pdas.miner(miningPool, trader.wallet.publicKey), owner: trader.wallet.publicKey, ...this.event })
        .instruction(),
    ]);
  }
}

// --- the story the integration test audits -------------------------------------------------------

export interface Cast {
  referrer: Trader;
  /** Buys with the referrer, loses, settles early, is compensated; later liquidation cover. */
  alice: Trader;
  /** No referrer: a policy settled at expiry without payout; a cancelled and a rejected cover. */
  bob: Trader;
  /** Referred; compensation deferred (credit account reassigned), claimed later; a closed cover. */
  carol: Trader;
  /** A voided policy; a claim approved by timeout. */
  dave: Trader;
}

/**
 * Loss cover: purchases with a referrer (commission), a loss and early settlement, compensation
 * (rebates and the direct bonus), one compensation deferred and claimed, a settlement at expiry,
 * a voided policy, commission and rebate claims, policies closed.
 */
export async function lossCoverStory(activity: Activity): Promise<Cast> {
  const referrer = await activity.newTrader(null, 0);
  const alice = await activity.newTrader(referrer, 1_000);
  const bob = await activity.newTrader(null, 1_000);
  const carol = await activity.newTrader(referrer, 1_000);
  const dave = await activity.newTrader(null, 1_000);

  // Alice: 5 USDT premium (trigger 50, payout 25 credits); a 100 USD loss; early settlement.
  const alicePolicy = await activity.buyPolicy(alice, 5 * USD);
  let now = await activity.now();
  await activity.openPosition(alice, 0, BTC, 60_000 * USD, now, alicePolicy);
  await activity.closePosition(alice, 0, BTC, 59_900 * USD, await activity.now(), alicePolicy);
  await activity.settleEarly(alice, alicePolicy, 0);
  await activity.issueCompensation(alice, alicePolicy);

  // Carol: the same, but her credit account belongs to someone else: credits wait, then claimed.
  const carolPolicy = await activity.buyPolicy(carol, 7 * USD);
  now = await activity.now();
  await activity.openPosition(carol, 0, BTC, 60_000 * USD, now, carolPolicy);
  await activity.closePosition(carol, 0, BTC, 59_800 * USD, await activity.now(), carolPolicy);
  await activity.settleEarly(carol, carolPolicy, 0);
  await activity.reassignCreditAccount(carol);
  await activity.issueCompensation(carol, carolPolicy);
  await activity.claimCredits(carol, await activity.newCreditAccount(carol.wallet.publicKey));

  // Dave: a position opened at the venue before his policy started voids it.
  const davePolicy = await activity.buyPolicy(dave, 3 * USD);
  await activity.openPosition(dave, 0, BTC, 60_000 * USD, (await activity.now()) - 60, davePolicy);

  // Bob: no positions, settled after the window closes (end + 2 × staleness).
  const bobPolicy = await activity.buyPolicy(bob, 20 * USD);
  await activity.travelTo((await activity.now()) + 86_400 + 300);
  await activity.settle(bob, bobPolicy);

  await activity.claimCommission(referrer);
  await activity.claimRebate(referrer);
  await activity.closePolicyExposure(alicePolicy);
  await activity.closePolicy(alice, alicePolicy);
  await activity.closePolicy(bob, bobPolicy);
  return { referrer, alice, bob, carol, dave };
}

/**
 * Liquidation cover and treasury: capital, covers bought, filled, cancelled with and without the
 * trader's token account (refund paid / credited and claimed), closed without liquidation,
 * liquidated and approved (vesting claimed in two steps), rejected, approved by timeout; covers
 * and exposures closed; surplus withdrawn; optionally the mining pool.
 */
export async function liquidationStory(activity: Activity, cast: Cast, mining = true): Promise<void> {
  const { alice, bob, carol, dave } = cast;
  await activity.depositCapital(10_000 * USD);

  // Alice: 4 BTC order, 400 margin, 80 insured (reserve 136). 2 filled, 1 cancelled paid, 1 credited.
  const aliceCover = await activity.buyCover(alice, 4 * BTC, 400 * USD, 80 * USD);
  const alicePosition = await activity.openPosition(alice, 1, 2 * BTC, 60_000 * USD, await activity.now(), null);
  await activity.fill(aliceCover, alicePosition, 2 * BTC);
  await activity.cancel(alice, aliceCover, BTC, true);
  await activity.cancel(alice, aliceCover, BTC, false);
  await activity.reportLiquidation(alice, aliceCover, 2 * BTC, 300 * USD);
  await activity.review(alice, aliceCover, true);
  await activity.claimRefund(alice, aliceCover);

  // Bob: an order cancelled whole (refund paid; the cover and exposure close), then a rejected claim.
  const bobCancelled = await activity.buyCover(bob, BTC, 100 * USD, 10 * USD);
  await activity.cancel(bob, bobCancelled, BTC, true);
  await activity.closeCover(bob, bobCancelled);
  await activity.closeMarketExposure(bob);
  const bobCover = await activity.buyCover(bob, BTC, 100 * USD, 20 * USD);
  const bobPosition = await activity.openPosition(bob, 0, BTC, 60_000 * USD, await activity.now(), null);
  await activity.fill(bobCover, bobPosition, BTC);
  await activity.reportLiquidation(bob, bobCover, BTC, 90 * USD);
  await activity.review(bob, bobCover, false);

  // Carol: filled, then closed without liquidation.
  const carolCover = await activity.buyCover(carol, BTC, 100 * USD, 30 * USD);
  const carolPosition = await activity.openPosition(carol, 1, BTC, 60_000 * USD, await activity.now(), null);
  await activity.fill(carolCover, carolPosition, BTC);
  await activity.closeOrderCover(carol, carolCover);

  // Dave: liquidated, never reviewed: finalised by anyone after the deadline.
  const daveCover = await activity.buyCover(dave, BTC, 100 * USD, 25 * USD);
  await activity.fill(daveCover, activity.positionOf(dave, 0), BTC);
  await activity.reportLiquidation(dave, daveCover, BTC, 80 * USD);

  await activity.withdrawSurplus(1_000 * USD);

  if (mining) {
    await activity.initMining(1_000);
    await activity.fundRewards(500 * USD);
    await activity.stake(alice, 10 * USD);
  }

  // A day and a half later: vesting has started, Dave's review window has passed.
  await activity.travelTo((await activity.now()) + 36 * 3_600);
  await activity.finalize(dave, daveCover);
  await activity.claimVested(alice, aliceCover);
  if (mining) {
    await activity.unstake(alice, 10 * USD);
    await activity.claimRewards(alice);
    await activity.closeMiner(alice);
    await activity.withdrawRewards(100 * USD);
  }
  await activity.travelTo((await activity.now()) + 25 * 86_400);
  await activity.claimVested(alice, aliceCover);
  await activity.closeCover(alice, aliceCover);
  await activity.claimVested(dave, daveCover);
}
