/**
 * `CipClient`: the program with its builders, fetchers, resolvers, event decoder and a sender,
 * for apps, the keeper, the deploy script, the scenario and the tests.
 */
import type { Provider } from "@anchor-lang/core";
import { getAccount } from "@solana/spl-token";
import {
  Connection,
  PublicKey,
  TransactionMessage,
  VersionedTransaction,
  type Signer,
  type TransactionInstruction,
  type VersionedTransactionResponse,
} from "@solana/web3.js";

import { decodeEvents, type CipEvent } from "./events";
import { toPublicKey } from "./interop";
import { CipInstructions, type PositionTriple, type PositionUpdate } from "./instructions";
import { creditAccount, pda, type PoolKeys } from "./pda";
import { createProgram, type CipProgram } from "./program";
import {
  coversOf,
  defaultOracle,
  keyed,
  policiesOf,
  settlementTriples,
  uplinesOf,
  type OracleResolver,
  type POLICY_STATUS,
  type COVER_STATUS,
} from "./resolve";
import { sendInstructions, type Payer, type SendOptions } from "./send";
import { clusterTime } from "./surfnet";
import type { LiquidationCoverArgs, OpenPositionArgs, PoolAccount, ValidatedPrice } from "./types";
import { type IntLike } from "./units";

/** A confirmed transaction with its decoded events. */
export interface Receipt {
  signature: string;
  events: CipEvent[];
  logs: string[];
  transaction: VersionedTransactionResponse;
}

export class CipClient {
  readonly program: CipProgram;
  readonly ix: CipInstructions;

  /** `providerOrConnection`: an `AnchorProvider`, or a bare `Connection` (read-only program). */
  constructor(providerOrConnection: Provider | Connection) {
    this.program = createProgram(providerOrConnection);
    this.ix = new CipInstructions(this.program);
  }

  get connection(): Connection {
    return this.program.provider.connection;
  }

  get programId(): PublicKey {
    return this.program.programId;
  }

  // --- keys -------------------------------------------------------------------------------

  /** The pool's keys, read from the pool account. */
  async poolKeys(pool: PublicKey): Promise<PoolKeys> {
    const state = await this.program.account.pool.fetch(pool);
    return keysOf(pool, state);
  }

  // --- fetchers ---------------------------------------------------------------------------

  get fetch() {
    const account = this.program.account;
    return {
      pool: (pool: PublicKey) => account.pool.fetch(pool),
      market: (market: PublicKey) => account.market.fetch(market),
      marketById: (pool: PublicKey, marketId: number) => account.market.fetch(pda.market(pool, marketId)),
      markPriceFeed: (market: PublicKey) => account.markPriceFeed.fetch(pda.markPriceFeed(market)),
      user: (pool: PublicKey, wallet: PublicKey) => account.userAccount.fetch(pda.user(pool, wallet)),
      userOrNull: (pool: PublicKey, wallet: PublicKey) => account.userAccount.fetchNullable(pda.user(pool, wallet)),
      referralNode: (pool: PublicKey, wallet: PublicKey) => account.referralNode.fetch(pda.referralNode(pool, wallet)),
      policy: (policy: PublicKey) => account.policy.fetch(policy),
      policyByIndex: (pool: PublicKey, owner: PublicKey, index: IntLike) =>
        account.policy.fetch(pda.policy(pool, owner, index)),
      position: (position: PublicKey) => account.position.fetch(position),
      positionOrNull: (position: PublicKey) => account.position.fetchNullable(position),
      liquidationCover: (cover: PublicKey) => account.liquidationCover.fetch(cover),
      exposure: (pool: PublicKey, owner: PublicKey, market: PublicKey) =>
        account.marketExposure.fetch(pda.exposure(pool, owner, market)),
      miningPool: (pool: PublicKey) => account.miningPool.fetch(pda.miningPool(pool)),
      miner: (miningPool: PublicKey, owner: PublicKey) => account.miner.fetch(pda.miner(miningPool, owner)),
      minerOrNull: (miningPool: PublicKey, owner: PublicKey) =>
        account.miner.fetchNullable(pda.miner(miningPool, owner)),
      /** Token balance of an SPL token account in base units (0n if it does not exist). */
      tokenBalance: async (tokenAccount: PublicKey, tokenProgram?: PublicKey) => {
        try {
          return (await getAccount(this.connection, tokenAccount, "confirmed", tokenProgram)).amount;
        } catch {
          return 0n;
        }
      },
    };
  }

  /** All pools of this program. */
  async pools() {
    return keyed(await this.program.account.pool.all());
  }

  policies(pool: PublicKey, status?: keyof typeof POLICY_STATUS) {
    return policiesOf(this.program, pool, status);
  }

  covers(pool: PublicKey, status?: keyof typeof COVER_STATUS) {
    return coversOf(this.program, pool, status);
  }

  /** The cluster's unix time (Clock sysvar). */
  clusterTime(): Promise<number> {
    return clusterTime(this.connection);
  }

  // --- resolution -------------------------------------------------------------------------

  uplinesOf(pool: PublicKey, wallet: PublicKey, maxDepth?: number): Promise<PublicKey[]> {
    return uplinesOf(this.program, pool, wallet, maxDepth);
  }

  settlementTriples(policy: PublicKey, oracleFor: OracleResolver = defaultOracle()): Promise<PositionTriple[]> {
    return settlementTriples(this.program, policy, oracleFor);
  }

  /** The oracle account of an `Authority` market (its mark-price feed). */
  oracleOf(market: PublicKey): PublicKey {
    return pda.markPriceFeed(market);
  }

  // --- instructions that resolve their accounts from the chain --------------------------------

  /** `buy_policy` at the trader's next policy index with the uplines resolved. */
  async buyPolicy(p: { trader: PublicKey; keys: PoolKeys; traderToken: PublicKey; premium: IntLike }) {
    const [user, uplines] = await Promise.all([
      this.fetch.user(p.keys.pool, p.trader),
      this.uplinesOf(p.keys.pool, p.trader),
    ]);
    return this.ix.buyPolicy({ ...p, policyIndex: user.policyCount, uplines });
  }

  /** `issue_compensation` for a policy, with the owner's uplines resolved. */
  async issueCompensation(p: { keeper: PublicKey; keys: PoolKeys; policy: PublicKey }) {
    const policy = await this.fetch.policy(p.policy);
    const uplines = await this.uplinesOf(p.keys.pool, policy.owner);
    return this.ix.issueCompensation({ ...p, owner: policy.owner, uplines });
  }

  /** `settle_policy` for a policy, passing every open attached position with its oracle. */
  async settlePolicy(p: { keeper: PublicKey; policy: PublicKey; oracleFor?: OracleResolver }) {
    const policy = await this.fetch.policy(p.policy);
    const triples = await this.settlementTriples(p.policy, p.oracleFor);
    return this.ix.settlePolicy({ keeper: p.keeper, pool: policy.pool, policy: p.policy, owner: policy.owner, triples });
  }

  /** `open_position`, passing the owner's active policy if any (as the reporter must). */
  async openPosition(p: {
    reporter: PublicKey;
    pool: PublicKey;
    market: PublicKey;
    owner: PublicKey;
    positionId: IntLike;
    args: OpenPositionArgs;
  }) {
    const user = await this.fetch.user(p.pool, p.owner);
    return this.ix.openPosition({ ...p, policy: user.activePolicy });
  }

  /** Increase, close or liquidate a position, passing its policy if attached. */
  async updatePosition(p: { reporter: PublicKey; pool: PublicKey; owner: PublicKey; positionId: IntLike }, update: PositionUpdate) {
    const position = pda.position(p.pool, p.owner, p.positionId);
    const state = await this.fetch.position(position);
    return this.ix.updatePosition(
      { reporter: p.reporter, pool: p.pool, market: state.market, owner: p.owner, position, policy: state.policy },
      update,
    );
  }

  /** `buy_liquidation_cover` at the trader's next cover index. */
  async buyLiquidationCover(p: {
    trader: PublicKey;
    keys: PoolKeys;
    market: PublicKey;
    traderToken: PublicKey;
    args: LiquidationCoverArgs;
  }) {
    const user = await this.fetch.user(p.keys.pool, p.trader);
    return this.ix.buyLiquidationCover({ ...p, coverIndex: user.liquidationCoverCount });
  }

  /** `issue_compensation` account for the owner's credits. */
  creditAccount(owner: PublicKey, keys: PoolKeys): PublicKey {
    return creditAccount(owner, keys);
  }

  /** The guarded mark price `get_mark_price` returns (simulated; needs a funded fee payer). */
  async markPrice(p: { pool: PublicKey; market: PublicKey; oracle?: PublicKey; feePayer: PublicKey }): Promise<ValidatedPrice> {
    const ix = await this.ix.getMarkPrice({ pool: p.pool, market: p.market, oracle: p.oracle ?? pda.markPriceFeed(p.market) });
    const { blockhash } = await this.connection.getLatestBlockhash("confirmed");
    // A `VersionedTransaction` (legacy message): web3.js's `simulateTransaction` recognises it by
    // shape, while a legacy `Transaction` from another web3.js copy than the connection's fails
    // its `instanceof Transaction` check.
    const message = new TransactionMessage({
      payerKey: toPublicKey(p.feePayer),
      recentBlockhash: blockhash,
      instructions: [ix],
    }).compileToLegacyMessage();
    const simulation = await this.connection.simulateTransaction(new VersionedTransaction(message), {
      commitment: "confirmed",
      sigVerify: false,
    });
    if (simulation.value.err || !simulation.value.returnData) {
      throw new Error(`get_mark_price failed: ${JSON.stringify(simulation.value.err)}\n${(simulation.value.logs ?? []).join("\n")}`);
    }
    const data = Buffer.from(simulation.value.returnData.data[0], "base64");
    return this.program.coder.types.decode("validatedPrice", data) as ValidatedPrice;
  }

  // --- sending and events ---------------------------------------------------------------

  /** Signs with `payer` (a keypair or a wallet that only signs) and `signers`, sends, confirms. */
  send(instructions: TransactionInstruction[], payer: Payer, signers: Signer[] = [], options?: SendOptions): Promise<string> {
    return sendInstructions(this.connection, instructions, payer, signers, options);
  }

  /** Like `send`, then reads the confirmed transaction back and decodes its events. */
  async sendAndDecode(
    instructions: TransactionInstruction[],
    payer: Payer,
    signers: Signer[] = [],
    options?: SendOptions,
  ): Promise<Receipt> {
    const signature = await this.send(instructions, payer, signers, options);
    return this.receipt(signature);
  }

  /** The confirmed transaction `signature` with its decoded events. */
  async receipt(signature: string): Promise<Receipt> {
    for (let attempt = 0; ; attempt++) {
      const transaction = await this.connection.getTransaction(signature, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      if (transaction) {
        return {
          signature,
          transaction,
          logs: transaction.meta?.logMessages ?? [],
          events: decodeEvents(this.program, transaction),
        };
      }
      if (attempt >= 20) throw new Error(`getTransaction(${signature}) returned null`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  decodeEvents(transaction: VersionedTransactionResponse): CipEvent[] {
    return decodeEvents(this.program, transaction);
  }
}

/** Pool keys from a fetched pool account. */
export function keysOf(pool: PublicKey, state: PoolAccount): PoolKeys {
  return {
    pool,
    premiumMint: state.premiumMint,
    tokenProgram: state.tokenProgram,
    vault: state.vault,
    creditMint: state.creditMint,
  };
}
