/**
 * The main job through the TypeScript SDK over JSON-RPC, on pools created by
 * migrations/deploy.ts, against a running cip-validator (scripts/main-job.sh starts one). (The
 * embedded-runtime view of the same product is cip-sim's run summary.) Referral tree, purchases across tiers with the
 * commission walk, trading, settlement at expiry and early, compensation with rebates, a
 * liquidation claim to fully vested payout, and the mining pool. Every number printed is read back
 * from accounts or decoded from the program's events; the clock is moved with the validator's
 * `surfnet_timeTravel` cheatcode (local validators only), never by sleeping.
 *
 *   tsx scripts/scenario.ts --deployment <deploy-a.json> [--deployment <deploy-b.json>] [--url <rpc>]
 *
 * Liquidation cover and mining run once, in the last deployment's pool (they do not depend on the
 * level preset).
 */
import { readFileSync } from "node:fs";

import { BN } from "@anchor-lang/core";
import { Connection, Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";

import { Keeper } from "@contract-insurance/keeper";
import {
  CipClient,
  LEVEL_NAMES,
  PRESET_NAMES,
  Side,
  airdrop,
  clusterTime,
  coverKeys,
  createMint,
  creditAccount,
  ensureTokenAccount,
  eventNamed,
  eventsNamed,
  formatAmount,
  isProgramError,
  miningKeys,
  mintTokens,
  pda,
  poolKeys,
  timeTravelTo,
  variant,
  type CoverKeys,
  type ExposureValuation,
  type PolicyTerms,
  type PremiumTier,
  type LevelPreset,
  type PoolKeys,
  type Receipt,
} from "@contract-insurance/sdk";

import { Table, heading, short, signed, usd } from "./lib/report";

const USD = 1_000_000; // premium mint, prices and P&L: 6 decimals
const BTC = 1_000_000; // position size: 6 decimals
const DAY = 86_400;

interface DeploymentFile {
  cluster: string;
  preset: LevelPreset;
  pool: string;
  premiumMint: string;
  tokenProgram: string;
  adminKeypairFile: string;
  roles: Record<"reporter" | "oracleAuthority" | "reviewer", { pubkey: string; keypairFile: string | null }>;
  markets: { id: number; symbol: string; address: string }[];
}

interface Person {
  name: string;
  wallet: Keypair;
  token: PublicKey;
  node: PublicKey;
}

const usdBN = (whole: number) => new BN(whole).mul(new BN(USD));

function loadKeypair(path: string | null, what: string): Keypair {
  if (!path) throw new Error(`the deployment has no keypair file for the ${what}`);
  return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(path, "utf8")) as number[]));
}

/** One pool's run: the deployment's keys plus the people of the story. */
class World {
  readonly client: CipClient;
  readonly admin: Keypair;
  readonly reporter: Keypair;
  readonly oracle: Keypair;
  readonly reviewer: Keypair;
  readonly keeper = Keypair.generate();
  readonly keys: PoolKeys;
  readonly people: Person[] = [];
  readonly preset: LevelPreset;

  constructor(
    readonly connection: Connection,
    readonly deployment: DeploymentFile,
  ) {
    this.client = new CipClient(connection);
    this.admin = loadKeypair(deployment.adminKeypairFile, "admin");
    this.reporter = loadKeypair(deployment.roles.reporter.keypairFile, "reporter");
    this.oracle = loadKeypair(deployment.roles.oracleAuthority.keypairFile, "oracle authority");
    this.reviewer = loadKeypair(deployment.roles.reviewer.keypairFile, "reviewer");
    this.keys = poolKeys(new PublicKey(deployment.premiumMint), new PublicKey(deployment.tokenProgram));
    this.preset = deployment.preset;
    if (!this.keys.pool.equals(new PublicKey(deployment.pool))) throw new Error("deployment pool does not match its premium mint");
  }

  get pool(): PublicKey {
    return this.keys.pool;
  }

  market(id: number): PublicKey {
    const market = this.deployment.markets.find((m) => m.id === id);
    if (!market) throw new Error(`the deployment has no market ${id}`);
    return new PublicKey(market.address);
  }

  person(name: string): Person {
    const person = this.people.find((p) => p.name === name);
    if (!person) throw new Error(`unknown person ${name}`);
    return person;
  }

  nameOfNode(node: PublicKey): string {
    return this.people.find((p) => p.node.equals(node))?.name ?? "?";
  }

  levelName(level: number): string {
    return LEVEL_NAMES[this.preset][level] ?? "?";
  }

  send(payer: Keypair, instructions: TransactionInstruction[]): Promise<Receipt> {
    return this.client.sendAndDecode(instructions, payer);
  }

  now(): Promise<number> {
    return clusterTime(this.connection);
  }

  async travelTo(unixSeconds: number): Promise<void> {
    await timeTravelTo(this.connection, unixSeconds);
  }

  /** A wallet with SOL and a premium token account holding `usdt` whole tokens. */
  async fundedWallet(usdt: number): Promise<{ wallet: Keypair; token: PublicKey }> {
    const wallet = Keypair.generate();
    await airdrop(this.connection, wallet.publicKey, 5);
    const token = await ensureTokenAccount(this.connection, wallet, this.keys.premiumMint, wallet.publicKey, this.keys.tokenProgram);
    if (usdt > 0) {
      await mintTokens(this.connection, this.admin, this.keys.premiumMint, token, this.admin, usdBN(usdt), 6, this.keys.tokenProgram);
    }
    return { wallet, token };
  }

  async postPrice(market: PublicKey, price: BN, conf: BN, publishTime: number): Promise<void> {
    await this.send(this.oracle, [
      await this.client.ix.postMarkPrice({ oracleAuthority: this.oracle.publicKey, pool: this.pool, market, price, conf, publishTime }),
    ]);
  }

  /** Reporter: a position the venue opened now (its venue time is the cluster's time). */
  async openPosition(owner: PublicKey, market: PublicKey, positionId: number, side: typeof Side.long, size: number, entry: BN, margin: BN): Promise<Receipt> {
    const ix = await this.client.openPosition({
      reporter: this.reporter.publicKey,
      pool: this.pool,
      market,
      owner,
      positionId,
      args: { side, size: new BN(size), entryPrice: entry, margin },
    });
    return this.send(this.reporter, [ix]);
  }

  /** The pool's books, read live: vault, every liability line, free capital. */
  async liabilities(): Promise<string> {
    const capacity = await this.client.capacity(this.pool);
    const owed = capacity.liabilities;
    return (
      `vault ${usd(capacity.vaultBalance)} USDT; owed: commission ${usd(owed.commissionOwed)}, covers reserved ${usd(owed.coversReserved)}, ` +
      `claims under review ${usd(owed.claimsUnderReview)}, vesting ${usd(owed.vestingOwed)}, refunds ${usd(owed.refundsOwed)} → free capital ${usd(capacity.freeCapital)}`
    );
  }
}

function txBytes(receipt: Receipt): number {
  const tx = receipt.transaction.transaction;
  return tx.message.serialize().length + 1 + 64 * tx.signatures.length;
}

function price(whole: number): BN {
  return usdBN(whole);
}

// --- sections -------------------------------------------------------------------------------

async function printPool(world: World): Promise<void> {
  const pool = await world.client.fetch.pool(world.pool);
  console.log(`pool ${short(world.pool)}  vault ${short(pool.vault)}  credit mint ${short(pool.creditMint)}  (admin ${short(pool.admin)})`);
  const config = pool.config;
  console.log(
    `trigger = premium x ${config.triggerMultiplier}, payout = ${config.payoutRatioBps / 100} % of trigger, window ${config.policyDuration.toNumber() / 3_600} h, ` +
      `max depth ${config.maxDepth}, same-level cut ${config.sameLevelCut ? "on" : "off"}, direct bonus ${config.directBonusBps / 100} %`,
  );
  const tiers = new Table(["tier", "min USDT", "max USDT", "step USDT"]);
  config.tiers.forEach((tier: PremiumTier, index: number) => tiers.row([String(index + 1), usd(tier.min), usd(tier.max), usd(tier.step)]));
  tiers.print();
  const levels = new Table(["level", "name", "team volume from", "commission %", "rebate %"]);
  pool.levels.forEach((level, index) =>
    levels.row([String(index), world.levelName(index), usd(level.minTeamVolume), (level.commissionBps / 100).toFixed(2), (level.rebateBps / 100).toFixed(2)]),
  );
  levels.print();
}

async function buildTree(world: World): Promise<void> {
  heading("Referral tree");
  // (name, referrer, assigned level under preset A, under preset B)
  const plan: [string, string | null, number, number][] = [
    ["alice", null, 3, 10],
    ["bob", "alice", 2, 3],
    ["carol", "bob", 0, 1],
    ["dave", "carol", 0, 0],
    ["erin", "dave", 0, 0],
    ["frank", "alice", 0, 1],
  ];
  // Wallets are funded in parallel; registration follows the tree (a referrer must exist first).
  const funded = await Promise.all(plan.map(() => world.fundedWallet(50_000)));
  for (const [index, [name, referrer, levelA, levelB]] of plan.entries()) {
    const { wallet, token } = funded[index];
    const referrerNode = referrer ? world.person(referrer).node : null;
    await world.send(wallet, [await world.client.ix.register({ wallet: wallet.publicKey, pool: world.pool, referrerNode })]);
    const node = pda.referralNode(world.pool, wallet.publicKey);
    const level = world.preset === "A" ? levelA : levelB;
    if (level > 0) {
      await world.send(world.admin, [await world.client.ix.assignLevel({ admin: world.admin.publicKey, pool: world.pool, referralNode: node, level })]);
    }
    world.people.push({ name, wallet, token, node });
  }
  const table = new Table(["user", "wallet", "referrer", "depth", "assigned level"]);
  for (const person of world.people) {
    const node = await world.client.fetch.referralNode(world.pool, person.wallet.publicKey);
    table.row([person.name, short(person.wallet.publicKey), node.parent ? world.nameOfNode(node.parent) : "-", String(node.depth), world.levelName(node.assignedLevel)]);
  }
  table.print();
}

/** Purchases across tiers, each with its commission walk. Returns the purchase time. */
async function buyPolicies(world: World): Promise<number> {
  heading("Loss-cover purchases (commission walk on chain)");
  const start = await world.now();
  for (const [name, premium] of [["erin", 5], ["dave", 50], ["carol", 300], ["frank", 2_000], ["bob", 10_000]] as const) {
    const buyer = world.person(name);
    const ix = await world.client.buyPolicy({ trader: buyer.wallet.publicKey, keys: world.keys, traderToken: buyer.token, premium: usdBN(premium) });
    const receipt = await world.send(buyer.wallet, [ix]);
    const event = eventNamed(receipt.events, "policyPurchased");
    const terms = event.terms as PolicyTerms;
    console.log(
      `${name} buys ${usd(terms.premium)} USDT (tier ${event.tier + 1}, policy #${event.index}): trigger ${usd(terms.trigger)} USDT, payout ${usd(terms.payout)} USDT ` +
        `= ${usd(terms.payoutCredits)} credits, ${event.commissions.length} uplines, tx ${txBytes(receipt)} bytes`,
    );
    if (event.commissions.length === 0) continue;
    const table = new Table(["upline", "level", "rate %", "commission USDT", "team volume after", "level after"]);
    for (const share of event.commissions) {
      table.row([
        world.nameOfNode(share.referralNode),
        world.levelName(share.level),
        (share.rateBps / 100).toFixed(2),
        usd(share.amount),
        usd(share.teamVolumeAfter),
        world.levelName(share.levelAfter),
      ]);
    }
    table.print();
    const cut = event.cutAt !== null ? `, same-level cut at upline ${event.cutAt + 1}` : "";
    console.log(`  total commission ${usd(event.totalCommission)} USDT${cut}`);
  }
  return start;
}

async function claimCommission(world: World, name: string): Promise<void> {
  const person = world.person(name);
  const node = await world.client.fetch.referralNode(world.pool, person.wallet.publicKey);
  if (node.commissionEarned.sub(node.commissionClaimed).isZero()) {
    console.log(`${name} has no commission to claim under this level table`);
    return;
  }
  const receipt = await world.send(person.wallet, [
    await world.client.ix.claimCommission({ owner: person.wallet.publicKey, keys: world.keys, destination: person.token }),
  ]);
  console.log(`${name} claims ${usd(eventNamed(receipt.events, "commissionClaimed").amount)} USDT of commission from the vault`);
}

async function printTreasury(world: World, moment: string): Promise<void> {
  const capacity = await world.client.capacity(world.pool);
  const l = capacity.liabilities;
  console.log(
    `vault ${usd(capacity.vaultBalance)} USDT ${moment}: owed ${usd(capacity.owed)} USDT (commission ${usd(l.commissionOwed)}, covers reserved ${usd(l.coversReserved)}), ` +
      `free capital ${usd(capacity.freeCapital)} USDT (recorded by the last instruction: ${usd(capacity.recorded.freeCapital)})`,
  );
}

/** A settlement: the markets each transaction valued, then the decision. */
function printSettlement(name: string, receipts: Receipt[]): void {
  const markets = receipts.flatMap((receipt) => eventsNamed(receipt.events, "exposuresValued").flatMap((e) => e.valuations as ExposureValuation[]));
  const event = eventNamed(receipts[receipts.length - 1].events, "policySettled");
  const marks = event.earlyValuation
    ? [`${signed(event.earlyValuation.unrealizedPnl)} @ mark ${usd(event.earlyValuation.markPrice)}`]
    : markets.map((v) => `${signed(v.unrealizedPnl)} @ ${variant(v.markSource)} mark ${usd(v.markPrice)}`);
  const batches = receipts.length > 1 ? ` in ${receipts.length} transactions` : "";
  console.log(
    `${name}: ${variant(event.kind)} settlement${batches} — realized ${signed(event.realizedPnl)}, unrealized ${signed(event.unrealizedPnl)} [${marks.join(", ")}], ` +
      `loss ${usd(event.loss)} vs trigger ${usd(event.trigger)} → ${variant(event.status)} / ${variant(event.outcome)}`,
  );
}

async function tradeSettleAndCompensate(world: World, start: number): Promise<void> {
  heading("Trading, mark-price settlement and compensation");
  await airdrop(world.connection, world.keeper.publicKey, 5);
  const btc = world.market(1);
  const eth = world.market(2);
  await world.postPrice(btc, price(60_000), new BN(0), await world.now());
  await world.postPrice(eth, price(3_000), new BN(0), await world.now());
  const margin = usdBN(5_000);
  const carol = world.person("carol").wallet.publicKey;
  const dave = world.person("dave").wallet.publicKey;
  const frank = world.person("frank").wallet.publicKey;
  await world.openPosition(carol, btc, 1, Side.long, 2 * BTC, price(60_000), margin);
  await world.openPosition(carol, eth, 2, Side.long, 20 * BTC, price(3_000), margin);
  await world.openPosition(dave, btc, 1, Side.short, BTC / 2, price(60_000), margin);
  const opened = eventNamed((await world.openPosition(frank, btc, 1, Side.long, 10 * BTC, price(60_000), margin)).events, "positionOpened");
  console.log(
    "carol long 2 BTC @ 60,000 and 20 ETH @ 3,000; dave short 0.5 BTC @ 60,000; frank long 10 BTC @ 60,000 " +
      `(reported at the venue's times, inside the windows: frank's counts toward policy ${short(opened.policy!)} through exposure ${short(opened.exposure!)})`,
  );
  const carolExposures = await world.client.exposuresOf(pda.policy(world.pool, carol, 0));
  console.log(`carol's policy keeps one exposure per market: ${carolExposures.length} (settlement passes one (exposure, feed) pair per market, however many positions)`);

  // Six hours in: carol cuts half at a loss; BTC trades at 57,900 and frank asks for early settlement.
  await world.travelTo(start + 6 * 3_600);
  const close = await world.client.updatePosition({ reporter: world.reporter.publicKey, pool: world.pool, owner: carol, positionId: 1 }, {
    kind: "close",
    size: BTC,
    price: price(58_500),
    fee: usdBN(5),
  });
  const closed = eventNamed((await world.send(world.reporter, [close])).events, "positionReduced");
  console.log(`+6 h (clock moved by time travel): carol closes 1 BTC @ 58,500 (fee 5): realized ${signed(closed.realizedPnl)} USDT (counted: ${closed.counted})`);
  await world.postPrice(btc, price(57_900), usdBN(2), await world.now());
  const early = await world.client.requestEarlySettlement({ owner: frank, pool: world.pool, policy: pda.policy(world.pool, frank, 0), positionId: 1 });
  printSettlement("frank", [await world.send(world.person("frank").wallet, [early])]);

  // Expiry: the oracle authority publishes each market's mark at the end; once the window's
  // prices are final (end + the staleness bounds) a keeper settles everyone else.
  const names = ["erin", "dave", "carol", "bob"];
  const owners = names.map((name) => world.person(name).wallet.publicKey);
  const policies = await Promise.all(owners.map(async (owner) => (await world.client.fetch.policyByIndex(world.pool, owner, 0))!));
  const end = Math.max(...policies.map((p) => (p.terms as PolicyTerms).end.toNumber()));
  await world.travelTo(end);
  await world.postPrice(btc, price(58_300), usdBN(3), end);
  await world.postPrice(eth, price(2_900), usdBN(1), end);
  const opens = Math.max(...policies.map((p) => world.client.settlementOpensAt(p)));
  await world.travelTo(opens);
  console.log(
    `end of window: marks BTC 58,300 and ETH 2,900 published at the end; settlement opens ${opens - end} s later (twice the policy's staleness bound, then 1 s); ` +
      `keeper ${short(world.keeper.publicKey)} settles, pairs found by getProgramAccounts (memcmp on PolicyExposure.policy)`,
  );
  for (const [index, name] of names.entries()) {
    // One pair per transaction: carol's two markets take two settle_policy transactions.
    const instructions = await world.client.settlePolicy({ keeper: world.keeper.publicKey, policy: pda.policy(world.pool, owners[index], 0), batchSize: 1 });
    const receipts: Receipt[] = [];
    for (const ix of instructions) receipts.push(await world.send(world.keeper, [ix]));
    if (receipts.length > 1) {
      for (const [batch, receipt] of receipts.entries()) {
        const valued = eventNamed(receipt.events, "exposuresValued");
        console.log(
          `  ${name}, batch ${batch + 1}/${receipts.length} (${txBytes(receipt)} bytes): valued ${valued.valuations.length} market(s), ${valued.exposuresValued}/${valued.exposures} — ` +
            (eventsNamed(receipt.events, "policySettled").length > 0 ? "decided" : "policy still active"),
        );
      }
    }
    printSettlement(name, receipts);
  }

  // Compensation for every compensating policy, with rebates up the tree.
  for (const name of ["carol", "frank"]) {
    const owner = world.person(name).wallet.publicKey;
    const ix = await world.client.issueCompensation({ keeper: world.keeper.publicKey, keys: world.keys, policy: pda.policy(world.pool, owner, 0) });
    const event = eventNamed((await world.send(world.keeper, [ix])).events, "compensationIssued");
    console.log(`${name}: compensation issued, ${usd(event.credits)} hashrate credits minted to ${short(event.creditAccount)}`);
    if (event.rebates.some((share) => !share.rebate.isZero() || !share.bonus.isZero())) {
      const table = new Table(["upline", "level", "rebate rate %", "rebate credits", "direct bonus"]);
      for (const share of event.rebates) {
        table.row([world.nameOfNode(share.referralNode), world.levelName(share.level), (share.rateBps / 100).toFixed(2), usd(share.rebate), usd(share.bonus)]);
      }
      table.print();
    } else {
      console.log("  no upline rebates under this level table");
    }
  }
  // Direct referrers claim their rebate credits.
  for (const name of ["bob", "alice"]) {
    const person = world.person(name);
    const node = await world.client.fetch.referralNode(world.pool, person.wallet.publicKey);
    if (node.rebateEarned.sub(node.rebateClaimed).isZero()) continue;
    const destination = await ensureTokenAccount(world.connection, person.wallet, world.keys.creditMint, person.wallet.publicKey, world.keys.tokenProgram);
    const receipt = await world.send(person.wallet, [
      await world.client.ix.claimRebate({ owner: person.wallet.publicKey, keys: world.keys, destination }),
    ]);
    console.log(`${name} claims ${usd(eventNamed(receipt.events, "rebateClaimed").credits)} rebate credits`);
  }
}

async function liquidationCover(world: World): Promise<void> {
  heading("Liquidation cover: purchase, fills, refund, review, vesting (clock warps, no sleeps)");
  const market = world.market(2);
  const { wallet, token } = await world.fundedWallet(1_000);
  await world.send(wallet, [await world.client.ix.register({ wallet: wallet.publicKey, pool: world.pool, referrerNode: null })]);
  const gina = { name: "gina", wallet, token, node: pda.referralNode(world.pool, wallet.publicKey) };
  world.people.push(gina);
  const config = (await world.client.fetch.pool(world.pool)).config.liquidation;
  console.log(
    `rules: insured ${usd(config.minInsured)}–${usd(config.maxInsured)} USDT per order, ${usd(config.dailyQuota)} per day (UTC+${config.dayOffsetSeconds / 3_600}), ` +
      `${usd(config.cumulativeQuota)} cumulative; review ${config.reviewWindow.toNumber() / 3_600} h; ${config.vestingDays} daily tranches from ` +
      `${String(config.vestingStartOffset / 3_600).padStart(2, "0")}:00 local`,
  );
  // Capital: every cover reserves its worst case (2 × 85 % × insured) from the free capital.
  const before = await world.client.capacity(world.pool);
  console.log(
    `capacity: vault ${usd(before.vaultBalance)} USDT, owed ${usd(before.owed)}, free capital ${usd(before.freeCapital)} → a cover reserves ` +
      `${Number(before.reserveBps) / 100} % of its insured amount; the largest cover now: ${before.maxInsured === null ? "unbounded" : usd(before.maxInsured)} USDT insured`,
  );
  const backer = await world.fundedWallet(1_000);
  const deposit = eventNamed(
    (await world.send(backer.wallet, [await world.client.depositCapital({ depositor: backer.wallet.publicKey, keys: world.keys, source: backer.token, amount: usdBN(1_000) })])).events,
    "capitalDeposited",
  );
  const after = await world.client.capacity(world.pool);
  console.log(
    `a backer deposits ${usd(deposit.amount)} USDT of capital (deposit_capital, anyone): ${usd(deposit.totalDeposited)} deposited in total; ` +
      `free capital ${usd(before.freeCapital)} → ${usd(after.freeCapital)} USDT`,
  );

  // Three covered orders: 80 USDT on a 200 margin, 50 on 200, and 100 on a 10-lot order of which
  // only 4 lots fill.
  const orders: [number, number, number][] = [
    [BTC, 200, 80],
    [BTC, 200, 50],
    [10 * BTC, 300, 100],
  ];
  const covers: CoverKeys[] = [];
  for (const [index, [orderQty, margin, insured]] of orders.entries()) {
    const ix = await world.client.buyLiquidationCover({
      trader: gina.wallet.publicKey,
      keys: world.keys,
      market,
      traderToken: gina.token,
      args: { orderId: new BN(100 + index), side: Side.long, orderQty: new BN(orderQty), margin: usdBN(margin), insured: { amount: [usdBN(insured)] } },
    });
    const event = eventNamed((await world.send(gina.wallet, [ix])).events, "liquidationCoverBought");
    console.log(
      `gina covers order #${event.orderId}: ${usd(orderQty)} lots, margin ${usd(event.margin)}, insured ${usd(event.insured)} USDT ` +
        `(today ${usd(event.dayTotal)}, cumulative ${usd(event.cumulative)}); ${usd(event.reserved)} USDT reserved, covers reserved ${usd(event.books.liabilities.coversReserved)}`,
    );
    const filled = index === 2 ? 4 * BTC : orderQty;
    await world.openPosition(gina.wallet.publicKey, market, 100 + index, Side.long, filled, price(3_000), usdBN(margin));
    const cover = coverKeys(world.pool, gina.wallet.publicKey, index, market);
    covers.push(cover);
    await world.send(world.reporter, [
      await world.client.ix.reportOrderFill({
        reporter: world.reporter.publicKey,
        pool: world.pool,
        cover: cover.cover,
        position: pda.position(world.pool, gina.wallet.publicKey, 100 + index),
        fillQty: filled,
      }),
    ]);
  }
  const cancelled = eventNamed(
    (
      await world.send(world.reporter, [
        await world.client.ix.cancelOrderRemainder({ reporter: world.reporter.publicKey, keys: world.keys, cover: covers[2], traderToken: gina.token, cancelledQty: 6 * BTC }),
      ])
    ).events,
    "orderCancelled",
  );
  console.log(
    `order #102: 6 of 10 lots cancelled unfilled → refund ${usd(cancelled.refund)} USDT paid at once, ${usd(cancelled.insuredRemaining)} USDT stays insured; ` +
      `${usd(cancelled.reserveReleased)} of its reserve released`,
  );
  const coverClosed = eventNamed(
    (await world.send(world.reporter, [await world.client.ix.closeOrderCover({ reporter: world.reporter.publicKey, keys: world.keys, cover: covers[2] })])).events,
    "coverClosed",
  );
  console.log(`order #102: position closed without liquidation → cover completed (closed), the remaining ${usd(coverClosed.reserveReleased)} USDT reserve released`);

  // The clock only moves forward here: liquidate at 00:30 local so that the 24 h review deadline
  // comes before vesting starts (12:00 local the next day).
  const offset = config.dayOffsetSeconds;
  const now = await world.now();
  const nextLocalMidnight = (Math.floor((now + offset) / DAY) + 1) * DAY - offset;
  await world.travelTo(nextLocalMidnight + 1_800);
  console.log(`clock moved to 00:30 local (UTC+${offset / 3_600}) of the next day`);
  for (const index of [0, 1]) {
    const ix = await world.client.ix.reportLiquidation({ reporter: world.reporter.publicKey, keys: world.keys, cover: covers[index], liquidatedQty: BTC, loss: usdBN(500) });
    const event = eventNamed((await world.send(world.reporter, [ix])).events, "liquidationReported");
    console.log(
      `order #${100 + index}: liquidated, loss ${usd(event.loss)} USDT → under review until +24 h; the claim's cap ${usd(event.claimCap)} USDT stays reserved, ` +
        `${usd(event.reserveReleased)} released`,
    );
  }
  console.log(`  ${await world.liabilities()}`);
  const approved = eventNamed(
    (await world.send(world.reviewer, [await world.client.ix.reviewClaim({ reviewer: world.reviewer.publicKey, keys: world.keys, cover: covers[0], approve: true })])).events,
    "claimDecided",
  );
  console.log(
    `order #100: reviewer approves → used ${usd(approved.usedAfter)} USDT → ratio ${approved.ratioBps / 100} % → ` +
      `compensation 2 × ${approved.ratioBps / 100} % × min(500, 200, 80) = ${usd(approved.compensation)} USDT`,
  );
  const liquidatedAt = (await world.client.fetch.liquidationCover(covers[1].cover))!.liquidatedAt.toNumber();
  await world.travelTo(liquidatedAt + DAY + 1);
  const finalized = eventNamed(
    (await world.send(world.keeper, [await world.client.ix.finalizeClaim({ keeper: world.keeper.publicKey, keys: world.keys, cover: covers[1] })])).events,
    "claimDecided",
  );
  console.log(
    `order #101: no review within 24 h → a keeper finalises it as approved: used ${usd(finalized.usedAfter)} USDT → ratio ${finalized.ratioBps / 100} % → ${usd(finalized.compensation)} USDT`,
  );
  console.log(`  ${await world.liabilities()}`);

  // Vesting: daily tranches from 12:00 local of the day after the liquidation.
  const vestingStart = (await world.client.fetch.liquidationCover(covers[0].cover))!.vestingStart.toNumber();
  const table = new Table(["when", "claim #100", "claimed so far", "claim #101", "claimed so far"]);
  const moments: [string, number][] = [
    ["day 1, 12:00 local (start)", 0],
    ["day 1, 23:00 local (same day)", 11 * 3_600],
    ["day 10", 9 * DAY],
    ["after the end", 40 * DAY],
  ];
  const claim = async (index: number) =>
    world.send(gina.wallet, [
      await world.client.ix.claimVested({ owner: gina.wallet.publicKey, keys: world.keys, cover: covers[index].cover, destination: gina.token }),
    ]);
  for (const [label, offsetSeconds] of moments) {
    await world.travelTo(vestingStart + offsetSeconds);
    const cells = [label];
    for (const index of [0, 1]) {
      try {
        const event = eventNamed((await claim(index)).events, "vestedClaimed");
        cells.push(usd(event.amount), `${usd(event.claimedTotal)} / ${usd(event.compensation)}`);
      } catch (err) {
        cells.push(isProgramError(err, "NothingVested") ? "nothing new" : String(err).split("\n")[0], "-");
      }
    }
    table.row(cells);
  }
  table.print();
  const again = await claim(0).then(
    () => "paid?!",
    (err) => (isProgramError(err, "NothingVested") ? "refused (NothingVested)" : `refused (${String(err).split("\n")[0]})`),
  );
  console.log(`claiming again after everything vested: ${again}`);
  console.log(`  ${await world.liabilities()}`);
}

async function mining(world: World): Promise<void> {
  heading("Mining pool: compensation credits earn reward emissions");
  const rewardMint = await createMint(world.connection, world.admin, world.admin.publicKey, 6, world.keys.tokenProgram);
  const keys = miningKeys(world.keys, rewardMint);
  const rate = usdBN(10); // 10 reward tokens per second
  await world.send(world.admin, [
    await world.client.ix.initMiningPool({
      admin: world.admin.publicKey,
      mining: keys,
      params: { rewardPerSecond: rate, endTime: null, unstakeAllowed: true, unstakeCooldown: new BN(DAY) },
    }),
  ]);
  const treasury = await ensureTokenAccount(world.connection, world.admin, rewardMint, world.admin.publicKey, world.keys.tokenProgram);
  await mintTokens(world.connection, world.admin, rewardMint, treasury, world.admin, usdBN(2_000_000), 6, world.keys.tokenProgram);
  const funding = usdBN(1_000_000);
  await world.send(world.admin, [await world.client.ix.fundRewards({ admin: world.admin.publicKey, mining: keys, source: treasury, amount: funding })]);
  console.log(`mining pool ${short(keys.miningPool)}: ${usd(rate)} reward tokens/s, funded ${usd(funding)}, unstake after a 24 h cool-down`);

  const start = await world.now();
  const stakes: { name: string; wallet: Keypair; credits: bigint; at: bigint }[] = [];
  for (const [name, delay] of [["carol", 0], ["frank", 3_600]] as const) {
    if (delay > 0) await world.travelTo(start + delay);
    const wallet = world.person(name).wallet;
    const source = creditAccount(wallet.publicKey, world.keys);
    const credits = await world.client.fetch.tokenBalance(source);
    const event = eventNamed(
      (await world.send(wallet, [await world.client.ix.stake({ owner: wallet.publicKey, mining: keys, source, amount: credits })])).events,
      "staked",
    );
    console.log(`+${delay / 3_600} h: ${name} stakes ${usd(event.amount)} credits (pool total ${usd(event.accumulator.totalStaked)})`);
    stakes.push({ name, wallet, credits, at: BigInt(event.accumulator.lastUpdate.toString()) });
  }
  await world.travelTo(start + DAY);
  const table = new Table(["miner", "staked credits", "rewards claimed", "expected (stake × time)"]);
  const [c, f] = [stakes[0].credits, stakes[1].credits];
  const perSecond = BigInt(rate.toString());
  for (const stake of stakes) {
    const destination = await ensureTokenAccount(world.connection, stake.wallet, rewardMint, stake.wallet.publicKey, world.keys.tokenProgram);
    const event = eventNamed(
      (await world.send(stake.wallet, [await world.client.ix.claimRewards({ owner: stake.wallet.publicKey, mining: keys, destination })])).events,
      "rewardsClaimed",
    );
    const at = BigInt(event.accumulator.lastUpdate.toString());
    const [t0, t1] = [stakes[0].at, stakes[1].at];
    const expected = stake.name === "carol" ? perSecond * (t1 - t0) + (perSecond * (at - t1) * c) / (c + f) : (perSecond * (at - t1) * f) / (c + f);
    table.row([stake.name, usd(stake.credits), usd(event.amount), usd(expected)]);
  }
  console.log("+24 h: both claim (expected from the stake and claim times on chain)");
  table.print();
  const frank = stakes[1];
  const source = creditAccount(frank.wallet.publicKey, world.keys);
  const unstake = async () =>
    world.send(frank.wallet, [await world.client.ix.unstake({ owner: frank.wallet.publicKey, mining: keys, destination: source, amount: frank.credits / 2n })]);
  const early = await unstake().then(
    () => "accepted?!",
    (err) => (isProgramError(err, "UnstakeCooldownActive") ? "refused (cool-down)" : `refused (${String(err).split("\n")[0]})`),
  );
  console.log(`frank tries to unstake half 23 h after staking: ${early}`);
  await world.travelTo(start + DAY + 3_600);
  const event = eventNamed((await unstake()).events, "unstaked");
  console.log(`frank unstakes ${usd(event.amount)} credits after the cool-down; ${usd(event.pending)} rewards pending, ${usd(event.staked)} still staked`);
  const state = await world.client.fetch.miningPool(world.pool);
  console.log(
    `emitted ${usd(state.accumulator.emitted)} of ${usd(state.accumulator.funded)} funded, claimed ${usd(state.claimed)}, ` +
      `reward vault ${usd(await world.client.fetch.tokenBalance(keys.rewardVault))}`,
  );
}

/** The keeper's round after the story: everything finished is closed, rent back to its payers. */
async function closeFinished(world: World): Promise<void> {
  heading("Account lifecycle: the keeper closes what is finished (rent back to whoever paid it)");
  const recipients = [{ name: "reporter", key: world.reporter.publicKey }, ...world.people.map((p) => ({ name: p.name, key: p.wallet.publicKey }))];
  const balances = async () => Promise.all(recipients.map(async (r) => BigInt(await world.connection.getBalance(r.key, "confirmed"))));
  const before = await balances();
  const keeperBefore = await world.connection.getBalance(world.keeper.publicKey, "confirmed");
  const keeper = new Keeper({
    client: world.client,
    payer: world.keeper,
    pools: [world.pool],
    log: (line) => console.log(`  keeper: ${line.replace(/ \[[1-9A-HJ-NP-Za-km-z]{80,90}\]$/, "")}`),
  });
  const report = await keeper.runOnce();
  const closes = report.results.filter((r) => r.action === "close" && r.outcome === "done");
  const after = await balances();
  const table = new Table(["rent recipient", "accounts closed", "rent returned (SOL)", "balance change (SOL)"]);
  let total = 0n;
  for (const [index, recipient] of recipients.entries()) {
    const own = closes.filter((r) => r.rent?.recipient === recipient.key.toBase58());
    if (own.length === 0) continue;
    const rent = own.reduce((sum, r) => sum + r.rent!.lamports, 0n);
    total += rent;
    table.row([recipient.name, String(own.length), sol(rent), sol(after[index] - before[index])]);
  }
  table.print();
  const fees = keeperBefore - (await world.connection.getBalance(world.keeper.publicKey, "confirmed"));
  console.log(
    `${closes.length} accounts closed, ${sol(total)} SOL of rent returned to the keys that paid it; the keeper paid ${sol(BigInt(fees))} SOL of fees and kept no rent`,
  );
  // Closed accounts keep their history in the closing event.
  const carolPolicy = pda.policy(world.pool, world.person("carol").wallet.publicKey, 0);
  const closed = await world.client.closed.policy(carolPolicy);
  if (closed) {
    const state = closed.event.finalState as { outcome: object; loss: BN; unrealizedPnl: BN; exposuresClosed: number };
    console.log(
      `carol's policy ${short(carolPolicy)} no longer exists; its final state from PolicyClosed (getSignaturesForAddress): ` +
        `${variant(state.outcome)}, loss ${usd(state.loss)} USDT, unrealized ${signed(state.unrealizedPnl)} over ${state.exposuresClosed} market exposures`,
    );
  }
}

/**
 * Rent still locked in the program's accounts after the keeper's round, by who paid it: each
 * person of the story should be down to the user account and referral node (and a miner while it
 * still holds stake); positions still open are the reporter's, pools, markets and feeds the admin's.
 */
async function rentLeftBehind(world: World): Promise<void> {
  heading("Rent left behind after the keeper's round (by who paid it)");
  const program = world.client.program;
  const accounts = await world.connection.getProgramAccounts(program.programId, { commitment: "confirmed" });
  const payers = new Map<string, { name: string; types: Map<string, number>; lamports: bigint }>();
  const reporter = world.reporter.publicKey.toBase58();
  for (const { account } of accounts) {
    const type = (program.idl.accounts ?? []).find((a) => Buffer.from(a.discriminator).equals(account.data.subarray(0, 8)));
    if (!type) continue; // the IDL account and other non-state data
    const decoded = program.coder.accounts.decode(type.name, account.data) as { owner?: PublicKey; rentPayer?: PublicKey; pool?: PublicKey };
    const payer = type.name.toLowerCase() === "position" ? reporter : (decoded.rentPayer ?? decoded.owner)?.toBase58();
    const person = world.people.find((p) => p.wallet.publicKey.toBase58() === payer);
    const name = person ? person.name : payer === reporter ? "reporter" : null;
    if (name === null || (person === undefined && decoded.pool !== undefined && !decoded.pool.equals(world.pool))) continue;
    const entry = payers.get(name) ?? { name, types: new Map(), lamports: 0n };
    entry.types.set(type.name, (entry.types.get(type.name) ?? 0) + 1);
    entry.lamports += BigInt(account.lamports);
    payers.set(name, entry);
  }
  const table = new Table(["payer", "accounts still open", "rent locked (SOL)"]);
  let people = 0n;
  for (const entry of [...payers.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const types = [...entry.types].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => `${count} ${type}`).join(", ");
    table.row([entry.name, types, sol(entry.lamports)]);
    if (entry.name !== "reporter") people += entry.lamports;
  }
  table.print();
  console.log(`${world.people.length} people keep ${sol(people)} SOL in program accounts (${sol(people / BigInt(world.people.length))} SOL each on average)`);
}

function sol(lamports: bigint): string {
  return formatAmount(lamports, 9);
}

async function finalReport(world: World): Promise<void> {
  heading("Report");
  const table = new Table(["user", "premium paid", "team volume", "level", "commission earned", "claimed", "rebates earned", "credits received"]);
  for (const person of world.people.filter((p) => p.name !== "gina")) {
    const user = await world.client.fetch.user(world.pool, person.wallet.publicKey);
    const node = await world.client.fetch.referralNode(world.pool, person.wallet.publicKey);
    table.row([
      person.name,
      usd(user.totalPremiumPaid),
      usd(node.teamVolume),
      world.levelName(node.level),
      usd(node.commissionEarned),
      usd(node.commissionClaimed),
      usd(node.rebateEarned),
      usd(user.totalCompensationCredits),
    ]);
  }
  table.print();
  const pool = await world.client.fetch.pool(world.pool);
  const t = pool.totals;
  console.log(
    `policies sold ${t.policiesSold}, premiums ${usd(t.premiumsCollected)} USDT, settled ${t.policiesSettled}, compensated ${t.policiesCompensated}`,
  );
  console.log(
    `commission accrued ${usd(t.commissionAccrued)} USDT, claimed ${usd(t.commissionClaimed)} USDT; credits minted as compensation ${usd(t.compensationCredits)}, ` +
      `rebates accrued ${usd(t.rebatesAccrued)} / claimed ${usd(t.rebatesClaimed)}`,
  );
  if (!t.liquidationCoversSold.isZero()) {
    console.log(
      `liquidation covers sold ${t.liquidationCoversSold}, insured collected ${usd(t.liquidationInsuredCollected)} USDT, refunds ${usd(t.liquidationRefundsPaid)}, ` +
        `claims approved ${t.liquidationClaimsApproved} (${usd(t.liquidationCompensationApproved)} USDT), vested paid ${usd(t.liquidationVestedPaid)}`,
    );
  }
  const supply = await world.connection.getTokenSupply(world.keys.creditMint, "confirmed");
  console.log(`hashrate-credit supply ${usd(supply.value.amount)}`);
  await printTreasury(world, "at the end");
}

async function run(connection: Connection, deployment: DeploymentFile, withLiquidationCover: boolean): Promise<void> {
  heading(`Pool with level preset ${PRESET_NAMES[deployment.preset]}`);
  const world = new World(connection, deployment);
  await printPool(world);
  await buildTree(world);
  const start = await buyPolicies(world);
  await claimCommission(world, "bob");
  await printTreasury(world, "after purchases");
  await tradeSettleAndCompensate(world, start);
  if (withLiquidationCover) {
    await liquidationCover(world);
    await mining(world);
  }
  await closeFinished(world);
  await rentLeftBehind(world);
  await finalReport(world);
}

async function main(argv: string[]): Promise<void> {
  const files: string[] = [];
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--deployment") files.push(argv[++i]);
    else if (argv[i] === "--url") url = argv[++i];
    else throw new Error(`unexpected argument ${argv[i]}\nusage: tsx scripts/scenario.ts --deployment <file> [--deployment <file>] [--url <rpc>]`);
  }
  if (files.length === 0) throw new Error("usage: tsx scripts/scenario.ts --deployment <file> [--deployment <file>] [--url <rpc>]");
  const deployments = files.map((file) => JSON.parse(readFileSync(file, "utf8")) as DeploymentFile);
  const connection = new Connection(url ?? deployments[0].cluster, { commitment: "confirmed" });
  const version = await connection.getVersion();
  const started = Date.now();
  console.log("Contract Insurance Pool — scenario through the TypeScript SDK over JSON-RPC");
  console.log(
    `cluster ${connection.rpcEndpoint} (solana-core ${version["solana-core"]}), program ${new CipClient(connection).programId.toBase58()}, ` +
      `cluster time ${new Date((await clusterTime(connection)) * 1000).toISOString()}`,
  );
  for (const [index, deployment] of deployments.entries()) {
    await run(connection, deployment, index === deployments.length - 1);
  }
  console.log();
  console.log(`scenario finished in ${((Date.now() - started) / 1000).toFixed(1)} s (wall clock); cluster time now ${new Date((await clusterTime(connection)) * 1000).toISOString()}`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    console.error(`scenario failed: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
