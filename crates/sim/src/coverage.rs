//! Which instructions and error codes a run reached, against the full lists in the checked-in IDL.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const IDL: &str = include_str!("../../../idl/contract_insurance.json");

struct IdlLists {
    instructions: Vec<String>,
    errors: BTreeMap<u32, String>,
}

fn idl() -> &'static IdlLists {
    static LISTS: OnceLock<IdlLists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let value: serde_json::Value = serde_json::from_str(IDL).expect("the IDL parses");
        let instructions = value["instructions"]
            .as_array()
            .expect("instructions")
            .iter()
            .map(|i| i["name"].as_str().expect("name").to_string())
            .collect();
        let errors = value["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| {
                (e["code"].as_u64().expect("code") as u32, e["name"].as_str().expect("name").to_string())
            })
            .collect();
        IdlLists { instructions, errors }
    })
}

/// A readable name for an error code.
pub fn error_label(code: u32) -> String {
    if let Some(name) = idl().errors.get(&code) {
        return format!("{name} ({code})");
    }
    let name = match code {
        1 => "token: InsufficientFunds",
        3007 => "anchor: AccountOwnedByWrongProgram",
        3012 => "anchor: AccountNotInitialized",
        2006 => "anchor: ConstraintSeeds",
        _ => "other",
    };
    format!("{name} ({code})")
}

#[derive(Clone, Debug, Default)]
pub struct Coverage {
    /// Instruction → (succeeded, rejected).
    pub instructions: BTreeMap<String, (u64, u64)>,
    pub errors: BTreeMap<u32, u64>,
}

impl Coverage {
    /// One transaction of `instruction`, rejected with `error` if given.
    pub fn hit(&mut self, instruction: &str, error: Option<u32>) {
        let entry = self.instructions.entry(instruction.to_string()).or_insert((0, 0));
        match error {
            None => entry.0 += 1,
            Some(code) => {
                entry.1 += 1;
                *self.errors.entry(code).or_insert(0) += 1;
            }
        }
    }

    pub fn merge(&mut self, other: &Coverage) {
        for (name, (ok, err)) in &other.instructions {
            let entry = self.instructions.entry(name.clone()).or_insert((0, 0));
            entry.0 += ok;
            entry.1 += err;
        }
        for (code, count) in &other.errors {
            *self.errors.entry(*code).or_insert(0) += count;
        }
    }

    pub fn instructions_never_reached(&self) -> Vec<String> {
        idl().instructions.iter().filter(|name| !self.instructions.contains_key(*name)).cloned().collect()
    }

    pub fn errors_never_reached(&self) -> Vec<String> {
        idl()
            .errors
            .iter()
            .filter(|(code, _)| !self.errors.contains_key(code))
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// The coverage table as text.
    pub fn report(&self) -> String {
        let mut out = String::new();
        out.push_str("instruction                      succeeded   rejected\n");
        for name in &idl().instructions {
            let (ok, err) = self.instructions.get(name).copied().unwrap_or((0, 0));
            out.push_str(&format!("  {name:<30} {ok:>9} {err:>10}\n"));
        }
        out.push_str("\nerror code                                 hits\n");
        for (code, count) in &self.errors {
            out.push_str(&format!("  {:<40} {count:>6}\n", error_label(*code)));
        }
        let never = self.instructions_never_reached();
        out.push_str(&format!("\ninstructions never reached ({}): {}\n", never.len(), never.join(", ")));
        let never = self.errors_never_reached();
        out.push_str(&format!(
            "error codes never reached ({} of {}): {}\n",
            never.len(),
            idl().errors.len(),
            never.join(", ")
        ));
        out
    }
}
