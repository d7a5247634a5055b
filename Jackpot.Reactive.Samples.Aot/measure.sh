#!/usr/bin/env bash
# Native AOT against the JIT, side by side: size on disk, time from launch to the first event, peak resident memory.
# Publishes the sample both ways, starts the standalone simulator, runs each build RUNS times (alternating) and prints
# a table (docs/aot.md). Run it on a quiet machine:  Jackpot.Reactive.Samples.Aot/measure.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
work="$(mktemp -d)"
port=5097
trap 'kill "$sim" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish Jackpot.Reactive.Samples.Aot -c Release -r linux-x64 -o "$work/aot" --artifacts-path "$work/a1" >/dev/null
dotnet publish Jackpot.Reactive.Samples.Aot -c Release -r linux-x64 --self-contained false -p:PublishAot=false \
  -o "$work/jit" --artifacts-path "$work/a2" >/dev/null
dotnet build Jackpot.Reactive.Simulator -c Release --artifacts-path "$work/a3" >/dev/null
dotnet "$work/a3/bin/Jackpot.Reactive.Simulator/release/Jackpot.Reactive.Simulator.dll" --urls "http://127.0.0.1:$port" \
  >"$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 100); do grep -q listening "$work/sim.log" && break || sleep 0.2; done

args=(--JackpotPush:Endpoint="http://127.0.0.1:$port/subscribe" --JackpotPush:Workspace=sim-workspace
      --Sample:Group=sim-group --Sample:Count=1)

# Milliseconds from launch to the first "event" line, and the peak RSS (KiB) of the whole run.
measure() {
  local start now ms=""
  start=$(date +%s%N)
  while IFS= read -r line; do
    if [[ -z "$ms" && "$line" == event* ]]; then now=$(date +%s%N); ms=$(( (now - start) / 1000000 )); fi
    if [[ "$line" == rss* ]]; then echo "$ms ${line#rss }"; fi
  done < <( { /usr/bin/time -f "rss %M" "$@" "${args[@]}" >&3; } 3>&1 2>&1 )
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

: >"$work/aot.txt"; : >"$work/jit.txt"
for _ in $(seq "$runs"); do
  measure "$work/aot/Jackpot.Reactive.Samples.Aot" >>"$work/aot.txt"
  measure dotnet "$work/jit/Jackpot.Reactive.Samples.Aot.dll" >>"$work/jit.txt"
done

aot_size=$(stat -c %s "$work/aot/Jackpot.Reactive.Samples.Aot")
jit_size=$(find "$work/jit" -type f ! -name '*.pdb' ! -name '*.xml' -printf '%s\n' | awk '{s+=$1} END {print s}')
printf '| build | size on disk | first event after launch (median of %s) | peak RSS (median) |\n|---|---|---|---|\n' "$runs"
printf '| Native AOT (linux-x64) | %.1f MB (one file) | %s ms | %.1f MB |\n' "$(bc -l <<<"$aot_size/1000000")" \
  "$(cut -d' ' -f1 "$work/aot.txt" | median)" "$(bc -l <<<"$(cut -d' ' -f2 "$work/aot.txt" | median)/1024")"
printf '| JIT (framework-dependent) | %.1f MB (app only; the shared runtime not counted) | %s ms | %.1f MB |\n' \
  "$(bc -l <<<"$jit_size/1000000")" "$(cut -d' ' -f1 "$work/jit.txt" | median)" \
  "$(bc -l <<<"$(cut -d' ' -f2 "$work/jit.txt" | median)/1024")"
