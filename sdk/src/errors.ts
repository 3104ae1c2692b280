/**
 * The program's error codes (generated from the IDL by `cip-idl`) and a helper that finds the
 * program error in whatever a client threw (recognised by shape, so errors from another copy of
 * web3.js or Anchor count too): an `AnchorError`, a `SendTransactionError` with logs
 * (failed preflight), a confirmation error with `{ InstructionError: [i, { Custom: n }] }`, or this
 * SDK's `TransactionFailedError` (landed but failed, e.g. a keeper that lost a race).
 */
import { AnchorError } from "@anchor-lang/core";

import { ContractInsuranceErrorCode } from "./idl/contract_insurance_errors";
import { logsOf } from "./interop";

export { ContractInsuranceErrorCode };
export type CipErrorName = keyof typeof ContractInsuranceErrorCode;

const NAMES = new Map<number, CipErrorName>(
  Object.entries(ContractInsuranceErrorCode).map(([name, code]) => [code, name as CipErrorName]),
);

/** Name of a program error number (6000…), or undefined for Anchor's own and foreign codes. */
export function errorName(code: number): CipErrorName | undefined {
  return NAMES.get(code);
}

/** A transaction that reached the chain (passed preflight) and failed there. */
export class TransactionFailedError extends Error {
  constructor(
    readonly signature: string,
    readonly transactionError: unknown,
    readonly logs: string[],
  ) {
    super(`transaction ${signature} failed: ${JSON.stringify(transactionError)}`);
    this.name = "TransactionFailedError";
  }
}

export interface ProgramErrorInfo {
  /** Custom error number (6000+ for this program's codes, < 6000 for Anchor's). */
  number: number;
  /** The program's error name when it is one of this program's codes, else Anchor's name if known. */
  name?: string;
}

/** The custom program error inside `err`, if there is one. */
export function programErrorOf(err: unknown): ProgramErrorInfo | null {
  if (err == null) return null;
  // An `AnchorError` (of any copy of Anchor): `error.errorCode.{number, code}`.
  const errorCode = (err as { error?: { errorCode?: { number?: unknown; code?: unknown } } }).error?.errorCode;
  if (errorCode && typeof errorCode.number === "number" && typeof errorCode.code === "string") {
    return { number: errorCode.number, name: errorCode.code };
  }
  const anyErr = err as { logs?: unknown; transactionError?: unknown; error?: unknown; message?: unknown; err?: unknown };
  const logs = logsOf(err);
  if (logs) {
    const parsed = AnchorError.parse(logs);
    if (parsed) return { number: parsed.error.errorCode.number, name: parsed.error.errorCode.code };
  }
  for (const candidate of [anyErr.transactionError, anyErr.err, anyErr]) {
    const custom = customFromTransactionError(candidate);
    if (custom !== undefined) return { number: custom, name: errorName(custom) };
  }
  if (typeof anyErr.message === "string") {
    const hex = /custom program error: 0x([0-9a-fA-F]+)/.exec(anyErr.message);
    if (hex) {
      const number = parseInt(hex[1], 16);
      return { number, name: errorName(number) };
    }
    const dec = /"Custom":\s*(\d+)/.exec(anyErr.message);
    if (dec) {
      const number = Number(dec[1]);
      return { number, name: errorName(number) };
    }
  }
  if (logs) {
    for (const line of logs) {
      const hex = /custom program error: 0x([0-9a-fA-F]+)/.exec(line);
      if (hex) {
        const number = parseInt(hex[1], 16);
        return { number, name: errorName(number) };
      }
    }
  }
  return null;
}

function customFromTransactionError(value: unknown): number | undefined {
  if (!value || typeof value !== "object") return undefined;
  const instructionError = (value as { InstructionError?: unknown }).InstructionError;
  if (!Array.isArray(instructionError) || instructionError.length !== 2) return undefined;
  const detail = instructionError[1] as { Custom?: unknown } | string;
  if (detail && typeof detail === "object" && typeof detail.Custom === "number") return detail.Custom;
  return undefined;
}

/** Whether `err` is one of the program errors named. */
export function isProgramError(err: unknown, ...names: CipErrorName[]): boolean {
  const info = programErrorOf(err);
  return info !== null && names.some((name) => ContractInsuranceErrorCode[name] === info.number);
}
