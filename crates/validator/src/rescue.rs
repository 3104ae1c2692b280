//! Delivers the signature notifications surfpool-core 1.2.1 misses.
//!
//! surfpool's `signatureSubscribe` first looks the transaction up and, if it has not reached the
//! requested commitment yet, then registers for updates: two separate lock acquisitions. When a
//! block is confirmed in between, the subscription is registered too late and never notified.
//! web3.js then waits until the blockhash expires and throws
//! `TransactionExpiredBlockheightExceededError` for a transaction that succeeded (measured: 3 in
//! 1 000 confirmations at 20 ms slots). surfpool 1.7 fixes this by doing both under one lock, but
//! needs the Solana 4 crates.
//!
//! [`run`] checks every few milliseconds for registered subscriptions whose transaction has
//! already reached their commitment and sends them the update the block production loop would
//! have sent (which also ends surfpool's per-subscription polling task).

use std::collections::HashSet;
use std::time::Duration;

use solana_commitment_config::CommitmentLevel;
use solana_signature::Signature;
use surfpool_core::surfnet::locker::SurfnetSvmLocker;
use surfpool_core::surfnet::svm::SurfnetSvm;
use surfpool_core::surfnet::SignatureSubscriptionType;
use surfpool_core::types::SurfnetTransactionStatus;

/// How often pending subscriptions are checked.
pub const PERIOD: Duration = Duration::from_millis(10);

fn rank(level: CommitmentLevel) -> u8 {
    match level {
        CommitmentLevel::Processed => 0,
        CommitmentLevel::Confirmed => 1,
        CommitmentLevel::Finalized => 2,
    }
}

/// Runs forever on the surfnet's tokio runtime.
pub async fn run(locker: SurfnetSvmLocker) {
    loop {
        tokio::time::sleep(PERIOD).await;
        let pending = !locker.0.read().await.signature_subscriptions.is_empty();
        if pending {
            deliver_missed(&mut *locker.0.write().await);
        }
    }
}

/// Sends every subscription whose transaction reached the subscribed commitment its update.
/// Returns how many were delivered.
pub fn deliver_missed(svm: &mut SurfnetSvm) -> usize {
    if svm.signature_subscriptions.is_empty() {
        return 0;
    }
    // Where a known transaction stands: waiting for its block (processed), waiting for
    // finalization (confirmed), or neither (finalized).
    let processed: HashSet<Signature> =
        svm.transactions_queued_for_confirmation.iter().map(|(tx, _, _)| tx.signatures[0]).collect();
    let confirmed: HashSet<Signature> =
        svm.transactions_queued_for_finalization.iter().map(|(_, tx, _, _)| tx.signatures[0]).collect();

    let mut delivered = 0;
    let signatures: Vec<Signature> = svm.signature_subscriptions.keys().copied().collect();
    for signature in signatures {
        let Ok(Some(SurfnetTransactionStatus::Processed(data))) =
            svm.transactions.get(&signature.to_string())
        else {
            continue; // not processed yet: surfpool notifies when it is
        };
        let (status, _) = data.as_ref();
        let level = if processed.contains(&signature) {
            CommitmentLevel::Processed
        } else if confirmed.contains(&signature) {
            CommitmentLevel::Confirmed
        } else {
            CommitmentLevel::Finalized
        };
        let err = status.meta.status.clone().err();

        let Some(subscriptions) = svm.signature_subscriptions.remove(&signature) else {
            continue;
        };
        let mut waiting = Vec::new();
        for (kind, sender) in subscriptions {
            let reached = match &kind {
                SignatureSubscriptionType::Received => true,
                SignatureSubscriptionType::Commitment(wanted) => rank(level) >= rank(*wanted),
            };
            if reached {
                // A closed channel means the client is gone: drop the subscription either way.
                let _ = sender.send((status.slot, err.clone()));
                delivered += 1;
            } else {
                waiting.push((kind, sender));
            }
        }
        if !waiting.is_empty() {
            svm.signature_subscriptions.insert(signature, waiting);
        }
    }
    delivered
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::prelude::Pubkey;
    use surfpool_core::surfnet::svm::SurfnetSvmConfig;

    fn confirmed() -> SignatureSubscriptionType {
        SignatureSubscriptionType::Commitment(CommitmentLevel::Confirmed)
    }

    #[test]
    fn a_subscription_registered_after_its_block_still_gets_the_update() {
        let (mut svm, _events, _geyser) = SurfnetSvm::new(SurfnetSvmConfig::default()).unwrap();
        let signature = svm.airdrop(&Pubkey::new_unique(), 1_000_000_000).unwrap().unwrap().signature;

        // Registered in time: nothing to rescue, surfpool notifies at the block.
        let in_time = svm.subscribe_for_signature_updates(&signature, confirmed());
        assert_eq!(deliver_missed(&mut svm), 0);
        assert!(in_time.try_recv().is_err(), "not confirmed yet");
        svm.confirm_current_block().unwrap();
        assert!(in_time.try_recv().is_ok());

        // Registered after the block (the race): only the rescue delivers it. A finalized
        // subscription keeps waiting.
        let late = svm.subscribe_for_signature_updates(&signature, confirmed());
        let finalized = svm.subscribe_for_signature_updates(
            &signature,
            SignatureSubscriptionType::Commitment(CommitmentLevel::Finalized),
        );
        assert_eq!(deliver_missed(&mut svm), 1);
        let (_slot, err) = late.try_recv().expect("rescued notification");
        assert!(err.is_none());
        assert!(finalized.try_recv().is_err());
        assert_eq!(svm.signature_subscriptions[&signature].len(), 1);
        assert_eq!(deliver_missed(&mut svm), 0);
    }

    #[test]
    fn unknown_signatures_are_left_alone() {
        let (mut svm, _events, _geyser) = SurfnetSvm::new(SurfnetSvmConfig::default()).unwrap();
        let rx = svm.subscribe_for_signature_updates(&Signature::default(), confirmed());
        assert_eq!(deliver_missed(&mut svm), 0);
        assert!(rx.try_recv().is_err());
        assert_eq!(svm.signature_subscriptions.len(), 1);
    }
}
