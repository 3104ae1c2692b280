/**
 * TypeScript SDK of the contract-insurance program (Anchor 1.2.2), typed from the checked-in IDL.
 *
 * - `createProgram`, `IDL`, `PROGRAM_ID`: the program from `idl/contract_insurance.json`.
 * - `pda`, `poolKeys`, `miningKeys`, `creditAccount`: addresses (mirror of the Rust harness).
 * - `CipInstructions`: one builder per instruction (49), returning `TransactionInstruction`s.
 * - `uplinesOf`, `settlementPairs`, `settlementBatches`: chain reads the program requires callers
 *   to pass (uplines; `(policy exposure, feed)` pairs in batches that fit a transaction).
 * - `findClosingEvent` / `client.closed.*`: the final state of closed accounts, from their events.
 * - `decodeEvents`: `emit_cpi!` events from a transaction's inner instructions.
 * - `ContractInsuranceErrorCode`, `programErrorOf`, `isProgramError`: the program's error codes.
 * - `CipClient`: all of the above bound to one connection, plus sending and receipts.
 */
export * from "./program";
export * from "./interop";
export * from "./pda";
export * from "./types";
export * from "./units";
export * from "./instructions";
export * from "./resolve";
export * from "./events";
export * from "./history";
export * from "./errors";
export * from "./send";
export * from "./presets";
export * from "./surfnet";
export * from "./tokens";
export * from "./client";
