//! Decoding `emit_cpi!` events from a transaction's inner instructions.

use anchor_lang::event::EVENT_IX_TAG_LE;
use anchor_lang::AnchorDeserialize;
use solana_sdk::message::{inner_instruction::InnerInstructionsList, Message};

/// One event as recorded on chain: the event discriminator followed by its Borsh body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    pub data: Vec<u8>,
}

impl RawEvent {
    pub fn discriminator(&self) -> &[u8] {
        &self.data[..8]
    }

    pub fn decode<T: anchor_lang::Event + AnchorDeserialize>(&self) -> Option<T> {
        if !self.data.starts_with(T::DISCRIMINATOR) {
            return None;
        }
        Some(T::try_from_slice(&self.data[T::DISCRIMINATOR.len()..]).expect("event body does not decode"))
    }
}

/// Self-CPIs of the program whose data starts with Anchor's event tag, in order.
pub fn decode_events(message: &Message, inner: &InnerInstructionsList) -> Vec<RawEvent> {
    inner
        .iter()
        .flatten()
        .filter(|inner| {
            message.account_keys.get(usize::from(inner.instruction.program_id_index))
                == Some(&contract_insurance::ID)
        })
        .filter_map(|inner| {
            inner.instruction.data.strip_prefix(EVENT_IX_TAG_LE).map(|data| RawEvent { data: data.to_vec() })
        })
        .collect()
}
