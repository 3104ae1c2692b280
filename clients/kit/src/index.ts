/**
 * `@contract-insurance/kit`: the Kit client of the contract-insurance program. `generated/` is
 * rendered by Codama from `idl/contract_insurance.json` (`npm run generate`); the rest is
 * hand-written on top of it: the event decoder and the referral upline helper.
 */
export * from "./generated";
export * from "./events";
export * from "./uplines";
