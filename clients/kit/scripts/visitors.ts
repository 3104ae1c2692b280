/**
 * Codama visitors that complete the Kit client where the Anchor IDL is silent. Each works from
 * whatever `idl/contract_insurance.json` says and is a no-op where the IDL already carries the
 * information (seeds, addresses), so the client regenerates unchanged in spirit after program
 * changes. Used by `generate.ts`.
 *
 * 1. `anchorSeedsVisitor(idl)`: a PDA default for every instruction account the IDL gives seeds,
 *    including the seeds `@codama/nodes-from-anchor` 1.5.6 skips (any seed path with a dot):
 *    - `group.member` (a seed naming an account of a nested accounts group, e.g. `pool_vault.pool`)
 *      resolves to the flattened member account;
 *    - `account.field` (a seed reading account data, e.g. `user.policy_count`) resolves to the
 *      instruction account named like the field when the field is a public key (`pool.premium_mint`
 *      → the `premium_mint` account), otherwise to an optional extra input argument named
 *      `accountField` (`userPolicyCount`) that the caller fills from chain — the generated code
 *      cannot read accounts;
 *    PDAs that share their seeds' shape become one program-level PDA named after the first
 *    constant seed (`b"policy"` → `findPolicyPda`), so every instruction uses the same finder.
 * 2. `eventCpiVisitor()`: `#[event_cpi]` instructions end with `event_authority` and `program`;
 *    the IDL of anchor 1.2.2 has no seeds/address for them. Defaults `event_authority` to the PDA
 *    `[b"__event_authority"]` of the program and `program` to the program id.
 * 3. `remainingAccountsVisitor(spec)`: named remaining-account inputs (the upline walk's
 *    `uplines`, settlement triples) — the IDL cannot describe remaining accounts.
 * 4. `eventsAsDefinedTypesVisitor()`: renderers-js 1.x renders no events, so every IDL event
 *    becomes a defined type whose codec carries its 8-byte discriminator as a hidden prefix.
 */
import {
  accountValueNode,
  argumentValueNode,
  assertIsNode,
  bottomUpTransformerVisitor,
  camelCase,
  definedTypeLinkNode,
  constantPdaSeedNodeFromBytes,
  constantPdaSeedNodeFromString,
  definedTypeNode,
  identityValueNode,
  instructionAccountNode,
  instructionArgumentNode,
  instructionNode,
  instructionRemainingAccountsNode,
  isNode,
  pdaLinkNode,
  pdaNode,
  pdaSeedValueNode,
  pdaValueNode,
  programIdValueNode,
  programNode,
  publicKeyTypeNode,
  rootNode,
  structTypeNode,
  rootNodeVisitor,
  variablePdaSeedNode,
  type AccountValueNode,
  type ArgumentValueNode,
  type InstructionArgumentNode,
  type InstructionNode,
  type PdaNode,
  type PdaSeedNode,
  type ProgramNode,
  type RootNode,
  type TypeNode,
  type DefinedTypeLinkNode,
  visit,
} from "codama";
import { extractGenerics, typeNodeFromAnchorV01 } from "@codama/nodes-from-anchor";

// --- the parts of an Anchor 0.1.0-spec IDL these visitors read ---------------------------------

export interface IdlSeed {
  kind: "const" | "arg" | "account";
  value?: number[];
  path?: string;
  account?: string;
}
export interface IdlAccount {
  name: string;
  pda?: { seeds: IdlSeed[]; program?: IdlSeed };
  address?: string;
  optional?: boolean;
}
export interface IdlAccountGroup {
  name: string;
  accounts: IdlAccountItem[];
}
export type IdlAccountItem = IdlAccount | IdlAccountGroup;
export interface Idl {
  address: string;
  metadata: { name: string };
  instructions: { name: string; accounts: IdlAccountItem[]; args: { name: string; type: unknown }[] }[];
  accounts?: { name: string }[];
  events?: { name: string; discriminator: number[] }[];
  types?: { name: string; type: { kind: string; fields?: { name: string; type: unknown }[] } }[];
}

/** What a visitor did, for the generator's report (and for the lead: what the IDL leaves open). */
export interface Report {
  pdaDefaults: number;
  dataSeedArguments: string[];
  unresolvedSeeds: string[];
  eventCpi: { eventAuthority: number; program: number; alreadyInIdl: number };
  remainingAccounts: string[];
  /** Non-signer accounts left without a default: every caller passes them. */
  callerAccounts: string[];
  events: { name: string; discriminator: number[] }[];
  /** Accounts whose state appears inside events, as `<Account>State` defined types. */
  accountStates: string[];
}

export function emptyReport(): Report {
  return {
    pdaDefaults: 0,
    dataSeedArguments: [],
    unresolvedSeeds: [],
    eventCpi: { eventAuthority: 0, program: 0, alreadyInIdl: 0 },
    remainingAccounts: [],
    callerAccounts: [],
    events: [],
    accountStates: [],
  };
}

function mapProgram(root: RootNode, fn: (program: ProgramNode) => ProgramNode): RootNode {
  return rootNode(fn(root.program), root.additionalPrograms);
}

// --- 1. seeds -----------------------------------------------------------------------------------

interface FlatAccount {
  /** The Codama (camelCase) name, flattened like nodes-from-anchor does. */
  name: string;
  idl: IdlAccount;
}

interface Flattened {
  accounts: FlatAccount[];
  /** `group path (snake, dotted) → member snake name → flattened camel name`. */
  groups: Map<string, Map<string, string>>;
}

function hasDuplicateNames(items: IdlAccountItem[], seen = new Set<string>()): boolean {
  for (const item of items) {
    if ("accounts" in item) {
      if (hasDuplicateNames(item.accounts, seen)) return true;
    } else {
      const name = camelCase(item.name);
      if (seen.has(name)) return true;
      seen.add(name);
    }
  }
  return false;
}

/** Mirrors `instructionAccountNodesFromAnchorV01`: group members are prefixed only on name clashes. */
function flattenAccounts(items: IdlAccountItem[], prefix?: string, path = "", out?: Flattened): Flattened {
  const result: Flattened = out ?? { accounts: [], groups: new Map() };
  const shouldPrefix = prefix !== undefined || hasDuplicateNames(items);
  for (const item of items) {
    if ("accounts" in item) {
      const groupPath = path ? `${path}.${item.name}` : item.name;
      const childPrefix = shouldPrefix ? (prefix ? `${prefix}_${item.name}` : item.name) : undefined;
      const before = result.accounts.length;
      flattenAccounts(item.accounts, childPrefix, groupPath, result);
      // Direct leaf members only; nested groups register their own path.
      const leafNames = new Map<string, string>();
      for (const account of result.accounts.slice(before)) {
        if ((item.accounts as IdlAccountItem[]).includes(account.idl)) leafNames.set(account.idl.name, account.name);
      }
      result.groups.set(groupPath, leafNames);
    } else {
      const name = camelCase(shouldPrefix && prefix ? `${prefix}_${item.name}` : item.name);
      result.accounts.push({ name, idl: item });
    }
  }
  return result;
}

/** A seed of one instruction account, resolved to where its value comes from. */
type SeedInstance =
  | { kind: "const"; bytes: number[] }
  | { kind: "var"; name: string; type: TypeNode; value: AccountValueNode | ArgumentValueNode };

interface PdaInstance {
  instruction: string;
  account: string;
  seeds: SeedInstance[];
  programId?: string;
  programIdValue?: AccountValueNode | ArgumentValueNode;
}

function bytesKey(bytes: number[]): string {
  return Buffer.from(bytes).toString("hex");
}

function shapeKey(instance: PdaInstance): string {
  const seeds = instance.seeds.map((seed) =>
    seed.kind === "const" ? `c:${bytesKey(seed.bytes)}` : `v:${JSON.stringify(seed.type)}`,
  );
  const program = instance.programId ?? (instance.programIdValue ? `var:${instance.programIdValue.name}` : "self");
  return `${seeds.join("|")}@${program}`;
}

function constantSeedNode(bytes: number[]): PdaSeedNode {
  const text = Buffer.from(bytes).toString("utf8");
  const printable = /^[\x20-\x7e]+$/.test(text) && Buffer.from(text, "utf8").equals(Buffer.from(bytes));
  return printable
    ? constantPdaSeedNodeFromString("utf8", text)
    : constantPdaSeedNodeFromBytes("base16", bytesKey(bytes));
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = values[0];
  for (const value of values) if ((counts.get(value) ?? 0) > (counts.get(best) ?? 0)) best = value;
  return best;
}

/**
 * Resolves a type inside the IDL: `typeName` then the dotted `fieldPath` (struct fields only).
 * Returns the Anchor type JSON or undefined.
 */
function fieldType(idl: Idl, typeName: string, fieldPath: string[]): unknown {
  let current: unknown = { defined: { name: typeName } };
  for (const field of fieldPath) {
    const defined = (current as { defined?: { name: string } | string }).defined;
    const name = typeof defined === "string" ? defined : defined?.name;
    const type = idl.types?.find((t) => t.name === name);
    const found = type?.type.fields?.find((f) => f.name === field);
    if (!found) return undefined;
    current = found.type;
  }
  return current;
}

export function anchorSeedsVisitor(idl: Idl, report: Report) {
  const [, generics] = extractGenerics((idl.types ?? []) as never);
  const toTypeNode = (type: unknown): TypeNode => typeNodeFromAnchorV01(type as never, generics);

  return rootNodeVisitor((root) =>
    mapProgram(root, (program) => {
      const instances: PdaInstance[] = [];
      // instruction name → extra (seed input) arguments to add.
      const extraArguments = new Map<string, InstructionArgumentNode[]>();

      for (const ixIdl of idl.instructions) {
        const ixName = camelCase(ixIdl.name);
        const ixNode = (program.instructions ?? []).find((ix) => ix.name === ixName);
        if (!ixNode) throw new Error(`instruction ${ixIdl.name} of the IDL is missing from the Codama tree`);
        const flat = flattenAccounts(ixIdl.accounts);
        const accountNames = new Set(flat.accounts.map((a) => a.name));
        const argumentByName = new Map((ixNode.arguments ?? []).map((arg) => [arg.name as string, arg]));
        const extras: InstructionArgumentNode[] = [];

        const resolveSeed = (seed: IdlSeed, owner: FlatAccount): SeedInstance | string => {
          if (seed.kind === "const") return { kind: "const", bytes: seed.value ?? [] };
          const path = (seed.path ?? "").split(".");
          if (seed.kind === "arg") {
            // `args.x` of a struct argument that nodes-from-anchor flattened → `x`.
            const candidates = [camelCase(path.join("_")), camelCase(path[path.length - 1])];
            const arg = candidates.map((c) => argumentByName.get(c)).find(Boolean);
            if (!arg) return `argument path ${seed.path} is not an instruction argument`;
            let type = arg.type as TypeNode;
            // A Borsh string/bytes argument is seeded with its raw bytes (no length prefix).
            if (isNode(type, "sizePrefixTypeNode")) type = type.type as TypeNode;
            return { kind: "var", name: arg.name, type, value: argumentValueNode(arg.name) };
          }
          // kind === "account"
          const member = flat.groups.get(path.slice(0, -1).join("."))?.get(path[path.length - 1]);
          if (member) return { kind: "var", name: camelCase(path[path.length - 1]), type: publicKeyTypeNode(), value: accountValueNode(member) };
          const accountName = camelCase(path[0]);
          if (path.length === 1) {
            if (!accountNames.has(accountName)) return `seed account ${seed.path} is not an instruction account`;
            return { kind: "var", name: accountName, type: publicKeyTypeNode(), value: accountValueNode(accountName) };
          }
          // A seed read from account data: `account.field[.field]`.
          const typeJson = seed.account ? fieldType(idl, seed.account, path.slice(1)) : undefined;
          if (typeJson === undefined) return `seed ${seed.path} reads a field the IDL types do not describe`;
          const type = toTypeNode(typeJson);
          const fieldName = camelCase(path[path.length - 1]);
          if (typeJson === "pubkey" && accountNames.has(fieldName) && fieldName !== owner.name) {
            return { kind: "var", name: fieldName, type, value: accountValueNode(fieldName) };
          }
          const extraName = camelCase(path.join("_"));
          if (argumentByName.has(extraName)) return `seed input ${extraName} clashes with an instruction argument`;
          if (!extras.some((e) => e.name === extraName)) {
            extras.push(
              instructionArgumentNode({
                name: extraName,
                type,
                // An optional input: renderers-js 1.7.1 makes extra arguments without a default
                // required, and would overwrite a falsy value (0n) given a real default. The
                // identity default renders no code; the PDA resolution asks for the value only
                // when the account itself is not given.
                defaultValue: identityValueNode(),
                docs: [
                  `Seed of the PDA default: the \`${path.slice(1).join(".")}\` field of the \`${path[0]}\` account` +
                    ` (${seed.account}), read from chain by the caller. Not needed when the account it derives is given.`,
                ],
              }),
            );
            report.dataSeedArguments.push(`${ixName}.${extraName}`);
          }
          return { kind: "var", name: fieldName, type, value: argumentValueNode(extraName) };
        };

        for (const account of flat.accounts) {
          const pda = account.idl.pda;
          if (!pda) continue;
          const seeds: SeedInstance[] = [];
          const problems: string[] = [];
          for (const seed of pda.seeds) {
            const resolved = resolveSeed(seed, account);
            if (typeof resolved === "string") problems.push(resolved);
            else seeds.push(resolved);
          }
          const instance: PdaInstance = { instruction: ixName, account: account.name, seeds };
          if (pda.program) {
            if (pda.program.kind === "const") {
              instance.programId = bs58(pda.program.value ?? []);
            } else {
              const resolved = resolveSeed(pda.program, account);
              if (typeof resolved === "string") problems.push(`program: ${resolved}`);
              else if (resolved.kind === "var") instance.programIdValue = resolved.value;
            }
          }
          if (problems.length > 0) {
            report.unresolvedSeeds.push(`${ixName}.${account.name}: ${problems.join("; ")}`);
            continue;
          }
          instances.push(instance);
        }
        if (extras.length > 0) extraArguments.set(ixName, extras);
      }

      // One program-level PDA per seed shape, named after its first constant seed.
      const shapes = new Map<string, PdaInstance[]>();
      for (const instance of instances) {
        const key = shapeKey(instance);
        shapes.set(key, [...(shapes.get(key) ?? []), instance]);
      }
      const pdas: PdaNode[] = [];
      const usedNames = new Set<string>();
      const pdaOf = new Map<PdaInstance, { name: string; seedNames: string[] }>();
      for (const group of shapes.values()) {
        const first = group[0];
        const firstConst = first.seeds.find((s) => s.kind === "const");
        const text = firstConst?.kind === "const" ? Buffer.from(firstConst.bytes).toString("utf8") : "";
        let name = /^[A-Za-z0-9_]+$/.test(text) ? camelCase(text) : mostCommon(group.map((g) => g.account));
        if (usedNames.has(name)) name = camelCase(`${name}_${mostCommon(group.map((g) => g.account))}`);
        for (let n = 2; usedNames.has(name); n++) name = camelCase(`${name}_${n}`);
        usedNames.add(name);
        const seedNames: string[] = [];
        const seedNodes: PdaSeedNode[] = first.seeds.map((seed, index) => {
          if (seed.kind === "const") return constantSeedNode(seed.bytes);
          let seedName = mostCommon(group.map((g) => (g.seeds[index] as { name: string }).name));
          while (seedNames.includes(seedName)) seedName = camelCase(`${seedName}_${index}`);
          seedNames[index] = seedName;
          return variablePdaSeedNode(seedName, seed.type);
        });
        pdas.push(pdaNode({ name, seeds: seedNodes, ...(first.programId ? { programId: first.programId } : {}) }));
        for (const instance of group) pdaOf.set(instance, { name, seedNames });
      }

      const instructions = (program.instructions ?? []).map((ix) => {
        const own = instances.filter((i) => i.instruction === ix.name);
        const extras = extraArguments.get(ix.name) ?? [];
        if (own.length === 0 && extras.length === 0) return ix;
        const accounts = (ix.accounts ?? []).map((account) => {
          const instance = own.find((i) => i.account === account.name);
          if (!instance) return account;
          const { name, seedNames } = pdaOf.get(instance)!;
          const seedValues = instance.seeds.flatMap((seed, index) =>
            seed.kind === "var" ? [pdaSeedValueNode(seedNames[index], seed.value)] : [],
          );
          report.pdaDefaults++;
          return instructionAccountNode({
            ...account,
            defaultValue: pdaValueNode(pdaLinkNode(name), seedValues, instance.programIdValue),
          });
        });
        return instructionNode({ ...ix, accounts, extraArguments: [...(ix.extraArguments ?? []), ...extras] });
      });

      // nodes-from-anchor's own PDAs (from the seeds it could read) are replaced by the above.
      return programNode({ ...program, instructions, pdas });
    }),
  );
}

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
function bs58(bytes: number[]): string {
  let value = BigInt(`0x${bytesKey(bytes) || "0"}`);
  let out = "";
  while (value > 0n) {
    out = BASE58[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

// --- 2. #[event_cpi] accounts -------------------------------------------------------------------

export const EVENT_AUTHORITY_SEED = "__event_authority";

export function eventCpiVisitor(report: Report) {
  return rootNodeVisitor((root) =>
    mapProgram(root, (program) => {
      let pdas = program.pdas ?? [];
      let needsPda = false;
      const instructions = (program.instructions ?? []).map((ix) => {
        const authority = (ix.accounts ?? []).find((a) => a.name === "eventAuthority");
        const self = (ix.accounts ?? []).find((a) => a.name === "program");
        if (!authority || !self) return ix;
        if (authority.defaultValue && self.defaultValue) {
          report.eventCpi.alreadyInIdl++;
          return ix;
        }
        const accounts = (ix.accounts ?? []).map((account) => {
          if (account === authority && !account.defaultValue) {
            needsPda = true;
            report.eventCpi.eventAuthority++;
            // Derived from the `program` account, so a custom program address carries over.
            return instructionAccountNode({
              ...account,
              defaultValue: pdaValueNode(pdaLinkNode("eventAuthority"), [], accountValueNode(self.name)),
            });
          }
          if (account === self && !account.defaultValue) {
            report.eventCpi.program++;
            return instructionAccountNode({ ...account, defaultValue: programIdValueNode() });
          }
          return account;
        });
        return instructionNode({ ...ix, accounts });
      });
      if (needsPda) {
        const existing = pdas.find((p) => p.name === "eventAuthority");
        const seed = constantPdaSeedNodeFromString("utf8", EVENT_AUTHORITY_SEED);
        if (!existing) {
          pdas = [...pdas, pdaNode({ name: "eventAuthority", seeds: [seed] })];
        } else if (JSON.stringify(existing.seeds) !== JSON.stringify([seed])) {
          throw new Error(`a PDA named eventAuthority exists with other seeds than [b"${EVENT_AUTHORITY_SEED}"]`);
        }
      }
      return programNode({ ...program, instructions, pdas });
    }),
  );
}

// --- 3. remaining accounts ----------------------------------------------------------------------

export interface RemainingAccountsSpec {
  /** camelCase input name (an array of addresses). */
  name: string;
  isWritable: boolean;
  docs: string;
}

export function remainingAccountsVisitor(spec: Record<string, RemainingAccountsSpec>, report: Report) {
  return rootNodeVisitor((root) =>
    mapProgram(root, (program) => {
      for (const name of Object.keys(spec)) {
        if (!(program.instructions ?? []).some((ix) => ix.name === name)) {
          throw new Error(`remaining accounts are configured for ${name}, which the IDL no longer has`);
        }
      }
      const instructions = (program.instructions ?? []).map((ix): InstructionNode => {
        const entry = spec[ix.name];
        if (!entry) return ix;
        report.remainingAccounts.push(`${ix.name}.${entry.name}`);
        return instructionNode({
          ...ix,
          remainingAccounts: [
            instructionRemainingAccountsNode(argumentValueNode(entry.name), {
              isWritable: entry.isWritable,
              docs: [entry.docs],
            }),
          ],
        });
      });
      return programNode({ ...program, instructions });
    }),
  );
}

// --- 4. events ----------------------------------------------------------------------------------

export function eventsAsDefinedTypesVisitor(idl: Idl, report: Report) {
  return rootNodeVisitor((root) =>
    mapProgram(root, (program) => {
      const taken = new Set([...(program.definedTypes ?? []), ...(program.accounts ?? [])].map((n) => n.name as string));
      const definedTypes = (program.events ?? []).map((event) => {
        if (taken.has(event.name)) throw new Error(`event ${event.name} clashes with a type or account of that name`);
        assertIsNode(event.data, "hiddenPrefixTypeNode");
        const idlEvent = idl.events?.find((e) => camelCase(e.name) === event.name);
        if (!idlEvent) throw new Error(`event ${event.name} is not in the IDL`);
        report.events.push({ name: event.name, discriminator: idlEvent.discriminator });
        return definedTypeNode({
          name: event.name,
          type: event.data,
          docs: [
            `Event \`${idlEvent.name}\` (emitted with \`emit_cpi!\`). The codec includes its 8-byte discriminator` +
              ` [${idlEvent.discriminator.join(", ")}] as a hidden prefix; decode an event instruction's data after the 8-byte event tag.`,
          ],
        });
      });
      return programNode({ ...program, definedTypes: [...(program.definedTypes ?? []), ...definedTypes] });
    }),
  );
}

/**
 * Account states inside other types. Closing events carry an account's final state
 * (`PolicyClosed.final_state: Policy`): the IDL lists `Policy` among its types, but Codama makes it
 * the account (`accounts/policy.ts`, whose codec starts with the 8-byte account discriminator,
 * which the event's Borsh body does not have). Each such account gets a defined type
 * `<Account>State` — the account's fields without the discriminator — and the links use it.
 */
export function accountStatesAsDefinedTypesVisitor(report: Report) {
  return rootNodeVisitor((root) => {
    const program = root.program;
    const taken = new Set([...(program.definedTypes ?? []), ...(program.accounts ?? [])].map((n) => n.name as string));
    const definedTypeNames = new Set((program.definedTypes ?? []).map((n) => n.name as string));
    const linked = new Set<string>();
    visit(
      root,
      bottomUpTransformerVisitor([
        {
          select: "[definedTypeLinkNode]",
          transform: (node) => {
            const name = (node as DefinedTypeLinkNode).name as string;
            if (!definedTypeNames.has(name)) linked.add(name);
            return node;
          },
        },
      ]) as never,
    );
    const states = (program.accounts ?? []).filter((account) => linked.has(account.name));
    if (states.length === 0) return root;
    const renamed = new Map(states.map((account) => [account.name as string, camelCase(`${account.name}State`)]));
    for (const name of renamed.values()) {
      if (taken.has(name)) throw new Error(`account state type ${name} clashes with a type or account of that name`);
    }
    const definedTypes = states.map((account) => {
      assertIsNode(account.data, "structTypeNode");
      report.accountStates.push(`${account.name} → ${renamed.get(account.name)}`);
      return definedTypeNode({
        name: renamed.get(account.name)!,
        type: structTypeNode((account.data.fields ?? []).filter((field) => field.name !== "discriminator")),
        docs: [`The fields of the \`${pascalName(account.name)}\` account without its discriminator, as events carry its final state.`],
      });
    });
    const withTypes = mapProgram(root, (p) => programNode({ ...p, definedTypes: [...(p.definedTypes ?? []), ...definedTypes] }));
    return visit(
      withTypes,
      bottomUpTransformerVisitor([
        {
          select: "[definedTypeLinkNode]",
          transform: (node) => {
            const link = node as DefinedTypeLinkNode;
            const target = renamed.get(link.name as string);
            return target ? definedTypeLinkNode(target) : link;
          },
        },
      ]) as never,
    ) as RootNode;
  });
}

function pascalName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
