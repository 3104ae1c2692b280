#!/usr/bin/env bash
# The main job: builds and starts the local validator (cip-validator), waits for health, deploys
# two demo pools (level presets A and B) with migrations/deploy.ts, runs the scenario through the
# TypeScript SDK (scripts/scenario.ts) and prints its report, then audits the demo pools from the
# program's history (audit/src/main.ts: any mismatch fails the job); always stops the validator.
#
# Environment: see scripts/lib/validator.sh (CARGO_TARGET_DIR, RPC_PORT, SLOT_TIME_MS). The
# deployment files and generated role keys go to <target>/main-job/ (fresh every run).
set -euo pipefail
# shellcheck source=lib/validator.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/validator.sh"

job_started=$(date +%s%N)
build_validator
ensure_node_modules
start_validator

OUT="$TARGET_DIR/main-job"
rm -rf "$OUT"
mkdir -p "$OUT"
TSX="$ROOT/node_modules/.bin/tsx"
cd "$ROOT"
for preset in a b; do
    echo "==> deploying the demo pool, preset $preset (migrations/deploy.ts)"
    "$TSX" migrations/deploy.ts --url "$RPC_URL" --preset "$preset" \
        --keys-dir "$OUT/keys-$preset" --admin "$OUT/keys-$preset/admin.json" --out "$OUT/deploy-$preset.json"
done
echo "==> scenario (scripts/scenario.ts)"
echo
scenario_started=$(date +%s%N)
"$TSX" scripts/scenario.ts --deployment "$OUT/deploy-a.json" --deployment "$OUT/deploy-b.json"
audit_started=$(date +%s%N)
echo
echo "==> cip-audit: the demo pools' books rebuilt from the program's events (audit/src/main.ts)"
echo
pools=()
for deployment in "$OUT/deploy-a.json" "$OUT/deploy-b.json"; do
    pools+=(--pool "$(node -p "require('$deployment').pool")")
done
"$TSX" audit/src/main.ts --url "$RPC_URL" "${pools[@]}"
now=$(date +%s%N)
echo
echo "==> main job: validator ready in ${VALIDATOR_READY_MS} ms, scenario $(((audit_started - scenario_started) / 1000000)) ms, audit $(((now - audit_started) / 1000000)) ms, whole job $(((now - job_started) / 1000000)) ms"
