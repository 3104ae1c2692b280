/**
 * TypeScript SDK of the contract-insurance program (Anchor 1.2.2), typed from the checked-in IDL.
 *
 * - `createProgram`, `IDL`, `PROGRAM_ID`: the program from `idl/contract_insurance.json`.
 * - `pda`, `poolKeys`, `miningKeys`, `creditAccount`: addresses (mirror of the Rust harness).
 * - `CipInstructions`: one builder per instruction, returning `TransactionInstruction`s.
 * - `uplinesOf`, `settlementTriples`: chain reads the program requires callers to pass.
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
export * from "./errors";
export * from "./send";
export * from "./presets";
export * from "./surfnet";
export * from "./tokens";
export * from "./client";
