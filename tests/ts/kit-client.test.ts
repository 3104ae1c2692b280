/**
 * The Codama-generated Kit client (`@contract-insurance/kit`) against cip-validator, with
 * `@solana/kit` and `@solana-program/token` only — no project SDK, no web3.js, no Anchor: the
 * test creates its own premium mint and pool with the generated admin instruction (four distinct
 * role keys), registers a referrer and a trader under it, buys a policy with the generated async
 * builder (the pool, its vault, user, node, the policy from its index argument and the
 * `#[event_cpi]` accounts resolved by the client, the index and uplines read from chain), decodes
 * `PolicyPurchased` from the transaction's inner instructions (json and base64 encodings) and
 * the policy account with the generated decoder, and checks that a program error surfaces as
 * the generated error code.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";

import {
  airdropFactory,
  appendTransactionMessageInstructions,
  assertIsTransactionWithBlockhashLifetime,
  createSolanaRpc,
  createSolanaRpcSubscriptions,
  createTransactionMessage,
  flattenInstructionPlan,
  generateKeyPairSigner,
  getSignatureFromTransaction,
  isSolanaError,
  lamports,
  pipe,
  sendAndConfirmTransactionFactory,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM,
  type Address,
  type Instruction,
  type InstructionPlan,
  type KeyPairSigner,
  type Signature,
} from "@solana/kit";
import {
  findAssociatedTokenPda,
  getCreateMintInstructionPlan,
  getMintToATAInstructionPlanAsync,
  TOKEN_PROGRAM_ADDRESS,
} from "@solana-program/token";

import {
  CONTRACT_INSURANCE_ERROR__POLICY_ALREADY_ACTIVE,
  CONTRACT_INSURANCE_ERROR__UPLINE_COUNT_MISMATCH,
  CONTRACT_INSURANCE_EVENTS,
  EVENT_COUNT,
  decodeEvents,
  eventNamed,
  fetchPolicy,
  fetchUplines,
  fetchUserAccount,
  findEventAuthorityPda,
  findPolicyPda,
  findPoolPda,
  findReferralPda,
  findUserPda,
  fetchPool,
  getBuyPolicyInstructionAsync,
  getPolicyStateDecoder,
  getContractInsuranceErrorMessage,
  getInitializePoolInstructionAsync,
  getRegisterInstructionAsync,
  isContractInsuranceError,
  PolicyStatus,
  type ContractInsuranceError,
  type PoolConfigArgs,
} from "@contract-insurance/kit";
import { defaultConfig, presetLevels } from "@contract-insurance/sdk";
import { BN } from "@anchor-lang/core";

const RPC_URL = process.env.RPC_URL ?? "http://127.0.0.1:8899";
const WS_URL = process.env.WS_URL ?? RPC_URL.replace(/^http/, "ws").replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`);
const DECIMALS = 6;
const USDT = 10n ** BigInt(DECIMALS);

const rpc = createSolanaRpc(RPC_URL);
const rpcSubscriptions = createSolanaRpcSubscriptions(WS_URL);
const airdrop = airdropFactory({ rpc, rpcSubscriptions });
const sendAndConfirm = sendAndConfirmTransactionFactory({ rpc, rpcSubscriptions });

/** BN → bigint all the way down: the SDK's numbers in the generated client's argument types. */
function bigints(value: unknown): unknown {
  if (BN.isBN(value)) return BigInt((value as BN).toString());
  if (Array.isArray(value)) return value.map(bigints);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bigints(v)]));
  return value;
}

/** The spec's defaults (preset A, `sdk/src/presets.ts`) in the generated argument types. */
function presetAConfig(): { config: PoolConfigArgs; levels: { minTeamVolume: bigint; commissionBps: number; rebateBps: number }[] } {
  return {
    config: bigints(defaultConfig(DECIMALS, "A")) as PoolConfigArgs,
    levels: bigints(presetLevels("A", DECIMALS)) as { minTeamVolume: bigint; commissionBps: number; rebateBps: number }[],
  };
}

function instructionsOf(plan: InstructionPlan): Instruction[] {
  return flattenInstructionPlan(plan).map((single) => {
    assert.equal(single.kind, "single");
    return (single as { instruction: Instruction }).instruction;
  });
}

/** A v0 transaction paid and signed by `payer` (plus any signer inside the instructions). */
async function buildSigned(payer: KeyPairSigner, instructions: Instruction[]) {
  const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: "confirmed" }).send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
  );
  const transaction = await signTransactionMessageWithSigners(message);
  assertIsTransactionWithBlockhashLifetime(transaction);
  return { message, transaction };
}

async function send(payer: KeyPairSigner, instructions: Instruction[]): Promise<Signature> {
  const { transaction } = await buildSigned(payer, instructions);
  await sendAndConfirm(transaction, { commitment: "confirmed" });
  return getSignatureFromTransaction(transaction);
}

async function fundedSigner(sol = 10n): Promise<KeyPairSigner> {
  const signer = await generateKeyPairSigner();
  await airdrop({ recipientAddress: signer.address, lamports: lamports(sol * 1_000_000_000n), commitment: "confirmed" });
  return signer;
}

describe("Kit client (Codama): a purchase and its event with @solana/kit only", () => {
  let admin: KeyPairSigner;
  let referrer: KeyPairSigner;
  let trader: KeyPairSigner;
  let premiumMint: Address;
  let pool: Address;
  let vault: Address;
  let traderToken: Address;

  before(async () => {
    [admin, referrer, trader] = await Promise.all([fundedSigner(100n), fundedSigner(), fundedSigner()]);
    const mint = await generateKeyPairSigner();
    premiumMint = mint.address;
    const client = {
      getMinimumBalance: async (space: number) =>
        lamports(await rpc.getMinimumBalanceForRentExemption(BigInt(space)).send()),
    };
    await send(
      admin,
      instructionsOf(await getCreateMintInstructionPlan(client, { payer: admin, newMint: mint, decimals: DECIMALS, mintAuthority: admin.address })),
    );
    [pool] = await findPoolPda({ premiumMint });
    [vault] = await findAssociatedTokenPda({ owner: pool, mint: premiumMint, tokenProgram: TOKEN_PROGRAM_ADDRESS });

    // Admin: the pool, with the generated admin instruction (pool, vault and credit-mint PDAs, the
    // event-CPI accounts and the program ids resolved by the client). The roles are three more
    // keys: the program refuses a role key shared with another role or the admin.
    const { config, levels } = presetAConfig();
    const [reporter, oracleAuthority, reviewer] = await Promise.all([generateKeyPairSigner(), generateKeyPairSigner(), generateKeyPairSigner()]);
    const roles = { reporter: reporter.address, oracleAuthority: oracleAuthority.address, reviewer: reviewer.address };
    const init = await send(admin, [
      await getInitializePoolInstructionAsync({ admin, premiumMint, vault, roles, config, levels }),
    ]);
    const initTx = await rpc.getTransaction(init, { commitment: "confirmed", maxSupportedTransactionVersion: 0, encoding: "json" }).send();
    assert.equal(eventNamed(decodeEvents(initTx), "poolInitialized").pool, pool);

    // A referrer at the root and the trader under it; the trader holds 100 USDT.
    await send(referrer, [await getRegisterInstructionAsync({ wallet: referrer, pool })]);
    const [referrerNode] = await findReferralPda({ pool, owner: referrer.address });
    await send(trader, [await getRegisterInstructionAsync({ wallet: trader, pool, referrerNode })]);
    const mintTo = await getMintToATAInstructionPlanAsync({
      payer: admin,
      owner: trader.address,
      mint: premiumMint,
      mintAuthority: admin,
      amount: 100n * USDT,
      decimals: DECIMALS,
    });
    await send(admin, instructionsOf(mintTo));
    [traderToken] = await findAssociatedTokenPda({ owner: trader.address, mint: premiumMint, tokenProgram: TOKEN_PROGRAM_ADDRESS });
  });

  it("decodes every event of the IDL (the generated table has the IDL's event count)", () => {
    const idl = JSON.parse(readFileSync(join(__dirname, "../../idl/contract_insurance.json"), "utf8")) as {
      events: { name: string; discriminator: number[] }[];
    };
    assert.equal(EVENT_COUNT, idl.events.length);
    assert.equal(EVENT_COUNT, 46);
    assert.deepEqual(
      CONTRACT_INSURANCE_EVENTS.map((e) => [e.name.toLowerCase(), [...e.discriminator]]),
      idl.events.map((e) => [e.name.toLowerCase(), e.discriminator]),
    );
  });

  /** Sends `buy_policy` for the trader and expects the generated error `code`. */
  async function expectBuyError(uplines: Address[], code: ContractInsuranceError, pattern: RegExp) {
    const [user] = await findUserPda({ pool, owner: trader.address });
    const account = await fetchUserAccount(rpc, user, { commitment: "confirmed" });
    const buy = await getBuyPolicyInstructionAsync({
      trader,
      premiumMint,
      traderToken,
      policyIndex: account.data.policyCount,
      premium: 5n * USDT,
      uplines,
    });
    const { message, transaction } = await buildSigned(trader, [buy]);
    await assert.rejects(sendAndConfirm(transaction, { commitment: "confirmed" }), (error: unknown) => {
      // A failed preflight carries the instruction error as its cause.
      const cause = isSolanaError(error) && error.cause ? error.cause : error;
      assert.ok(isSolanaError(cause, SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM), `not a custom program error: ${String(error)}`);
      assert.ok(
        isContractInsuranceError(cause, message, code),
        `expected ${code}, got ${cause.context.code}: ${getContractInsuranceErrorMessage(cause.context.code as ContractInsuranceError)}`,
      );
      assert.match(getContractInsuranceErrorMessage(code), pattern);
      return true;
    });
  }

  it("surfaces a program error as the generated error code (a walk without its upline)", async () => {
    await expectBuyError([], CONTRACT_INSURANCE_ERROR__UPLINE_COUNT_MISMATCH, /upline/i);
  });

  it("buys a policy and decodes PolicyPurchased and the policy account with the generated codecs", async () => {
    const premium = 5n * USDT;
    // --- the purchase: chain reads, the generated builder, one transaction -------------------
    const [user] = await findUserPda({ pool, owner: trader.address });
    const [account, uplines] = await Promise.all([fetchUserAccount(rpc, user), fetchUplines(rpc, { pool, wallet: trader.address })]);
    const buy = await getBuyPolicyInstructionAsync({
      trader,
      premiumMint,
      traderToken,
      policyIndex: account.data.policyCount,
      premium,
      uplines,
    });
    const signature = await send(trader, [buy]);
    // -----------------------------------------------------------------------------------------

    const [referrerNode] = await findReferralPda({ pool, owner: referrer.address });
    assert.deepEqual(uplines, [referrerNode]);
    const [policy] = await findPolicyPda({ pool, trader: trader.address, policyIndex: 0n });
    const [eventAuthority] = await findEventAuthorityPda();
    const [referralNode] = await findReferralPda({ pool, owner: trader.address });
    // Resolved by the generated builder: pool (from the premium mint), the vault (the pool's
    // associated token account), user, referral node, the policy (from the index argument).
    assert.equal(buy.accounts[2].address, pool);
    assert.equal(buy.accounts[3].address, vault);
    assert.equal(buy.accounts[5].address, user);
    assert.equal(buy.accounts[6].address, referralNode);
    assert.equal(buy.accounts[7].address, policy);
    assert.equal(buy.accounts[10].address, eventAuthority);
    assert.equal(buy.accounts[11].address, buy.programAddress);

    const json = await rpc.getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0, encoding: "json" }).send();
    const events = decodeEvents(json);
    const event = eventNamed(events, "policyPurchased");
    assert.equal(event.pool, pool);
    assert.equal(event.policy, policy);
    assert.equal(event.owner, trader.address);
    assert.equal(event.index, 0n);
    assert.equal(event.terms.premium, premium);
    assert.equal(event.tier, 0);
    assert.equal(event.terms.end - event.terms.start, 86_400n);
    assert.equal(event.terms.trigger, 50n * USDT);
    assert.equal(event.books.vaultBalance, premium);
    assert.deepEqual(
      event.commissions.map((share) => [share.owner, share.referralNode, share.rateBps, share.amount]),
      [[referrer.address, referrerNode, 1_500, 750_000n]],
    );
    assert.equal(event.totalCommission, 750_000n);

    // The same events from the base64 (account keys decoded from the wire format) and jsonParsed encodings.
    const base64 = await rpc.getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0, encoding: "base64" }).send();
    assert.deepEqual(decodeEvents(base64), events);
    const parsed = await rpc.getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0, encoding: "jsonParsed" }).send();
    assert.deepEqual(decodeEvents(parsed), events);

    const decoded = await fetchPolicy(rpc, policy, { commitment: "confirmed" });
    assert.equal(decoded.data.owner, trader.address);
    assert.equal(decoded.data.pool, pool);
    assert.equal(decoded.data.terms.premium, premium);
    assert.equal(decoded.data.index, 0n);
    assert.equal(decoded.data.status, PolicyStatus.Active);
    assert.deepEqual(decoded.data.terms, event.terms);
    // The state type closing events carry (`PolicyClosed.finalState`) is the account without its
    // discriminator: it decodes the account's bytes after the first 8 to the same fields.
    const raw = await rpc.getAccountInfo(policy, { commitment: "confirmed", encoding: "base64" }).send();
    assert.ok(raw.value);
    const state = getPolicyStateDecoder().decode(Buffer.from(raw.value.data[0], "base64").subarray(8));
    const { discriminator: _discriminator, ...fields } = decoded.data;
    assert.deepEqual(state, fields);
    // The commission the purchase accrued is owed by the pool (a liability of its vault).
    const poolAccount = await fetchPool(rpc, pool, { commitment: "confirmed" });
    assert.equal(poolAccount.data.liabilities.commissionOwed, 750_000n);
    assert.equal(poolAccount.data.solvency.vaultBalance, premium);
    assert.equal(poolAccount.data.solvency.freeCapital, premium - 750_000n);
    assert.equal((await fetchUserAccount(rpc, user, { commitment: "confirmed" })).data.policyCount, 1n);
  });

  it("rejects a second purchase while the policy is active with the generated error code", async () => {
    const uplines = await fetchUplines(rpc, { pool, wallet: trader.address });
    await expectBuyError(uplines, CONTRACT_INSURANCE_ERROR__POLICY_ALREADY_ACTIVE, /active/i);
  });

});
