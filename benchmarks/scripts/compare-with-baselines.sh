#!/usr/bin/env bash
# Whole-process comparison of DagSynth with the baseline samplers of ../shared/bench, run side by
# side in one session so that machine drift cancels out in the ratios.
#
#   bash benchmarks/scripts/compare-with-baselines.sh [ROWS] [REPEATS]
#
# Needs gcc and python3-numpy (installed with apt-get when missing and running as root). Prints, per
# network, the median wall and CPU seconds of each command over REPEATS runs, and the ratios
# DagSynth / C. Quote the ratios, not the seconds: the machines are shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
REPEATS=${2:-7}
SHARED=../shared
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! /usr/bin/python3 -c "import numpy" 2>/dev/null || ! command -v gcc >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y python3-numpy gcc >/dev/null; else echo "install python3-numpy and gcc" >&2; exit 3; fi
fi

gcc -O2 -DBRANCHLESS -o "$WORK/fwdsample-bl" "$SHARED/bench/fwdsample.c"
# The fast-start build of docs/scale.md: self-contained, the app and the framework compiled ahead of time together.
dotnet publish src/DagSynth.Cli -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
  -p:PublishReadyToRunComposite=true -o "$WORK/dagsynth" >/dev/null
DAGSYNTH="$WORK/dagsynth/DagSynth.Cli"

# median of the numbers on standard input
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_runs LABEL CMD...: REPEATS runs after one warm-up; prints "LABEL wall cpu maxrss_kb" (medians)
time_runs() {
  local label=$1; shift
  "$@" >/dev/null 2>&1
  : > "$WORK/times"
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -f "%e %U %S %M" -a -o "$WORK/times" "$@" >/dev/null 2>&1
  done
  local wall cpu rss
  wall=$(awk '{print $1}' "$WORK/times" | median)
  cpu=$(awk '{print $2 + $3}' "$WORK/times" | median)
  rss=$(awk '{print $4}' "$WORK/times" | median)
  echo "$label $wall $cpu $rss"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rows: $ROWS, repeats: $REPEATS (medians)"
printf '%-28s %10s %10s %10s\n' command wall_s cpu_s peak_kb
for net in alarm child insurance; do
  bif="$SHARED/corpus/networks/bif/$net.bif"
  /usr/bin/python3 "$SHARED/bench/numpy_forward.py" --bif "$bif" --dump "$WORK/$net.net" >/dev/null
  c_sample=$(time_runs "c-sample/$net" "$WORK/fwdsample-bl" "$WORK/$net.net" "$ROWS")
  c_csv=$(time_runs "c-csv/$net" "$WORK/fwdsample-bl" "$WORK/$net.net" "$ROWS" --csv "$WORK/c.csv")
  d1=$(time_runs "dagsynth-csv-t1/$net" "$DAGSYNTH" generate "$bif" --rows "$ROWS" --out "$WORK/d.csv" --force -q --threads 1)
  d2=$(time_runs "dagsynth-csv-t2/$net" "$DAGSYNTH" generate "$bif" --rows "$ROWS" --out "$WORK/d.csv" --force -q --threads 2)
  dp=$(time_runs "dagsynth-parquet-t2/$net" "$DAGSYNTH" generate "$bif" --rows "$ROWS" --out "$WORK/d.parquet" --force -q --threads 2)
  for line in "$c_sample" "$c_csv" "$d1" "$d2" "$dp"; do
    printf '%-28s %10s %10s %10s\n' $line
  done
  awk -v c="$(echo "$c_csv" | cut -d' ' -f2)" -v d="$(echo "$d2" | cut -d' ' -f2)" -v p="$(echo "$dp" | cut -d' ' -f2)" -v n="$net" \
    'BEGIN { printf "ratio %s: dagsynth csv (2 threads) / c csv = %.2f (target <= 1.50); parquet / csv = %.2f\n", n, d / c, p / d }'
done

# In-memory sampling, one thread, no output: the C baseline's sample_s against the BenchmarkDotNet
# SamplingBenchmarks (1,000,000 rows; the generated network is written as BIF for the C program).
echo
echo "in-memory sampling, 1,000,000 rows, one thread (C: median sample_s of $REPEATS runs; DagSynth: BenchmarkDotNet mean)"
dotnet build -c Release benchmarks/DagSynth.Benchmarks >/dev/null
dotnet benchmarks/DagSynth.Benchmarks/bin/Release/net10.0/DagSynth.Benchmarks.dll write-network generated-200x60 "$WORK/generated-200x60.bif"
declare -A c_sample_s
for net in alarm insurance generated-200x60; do
  bif="$SHARED/corpus/networks/bif/$net.bif"
  [ -f "$bif" ] || bif="$WORK/$net.bif"
  /usr/bin/python3 "$SHARED/bench/numpy_forward.py" --bif "$bif" --dump "$WORK/$net.net" >/dev/null
  : > "$WORK/sample"
  for _ in $(seq "$REPEATS"); do
    "$WORK/fwdsample-bl" "$WORK/$net.net" 1000000 | sed -n 's/.*sample_s=\([0-9.]*\).*/\1/p' >> "$WORK/sample"
  done
  c_sample_s[$net]=$(median < "$WORK/sample")
done
dotnet run -c Release --project benchmarks/DagSynth.Benchmarks -- \
  --filter '*.SamplingBenchmarks*' --job short --exporters json --artifacts "$WORK/bdn" >/dev/null
report=$(ls "$WORK"/bdn/results/DagSynth.Benchmarks.SamplingBenchmarks-report*.json | head -1)
for net in alarm insurance generated-200x60; do
  d=$(/usr/bin/python3 -c 'import json, sys
for b in json.load(open(sys.argv[1]))["Benchmarks"]:
    if b["Parameters"] == "Network=" + sys.argv[2]: print(b["Statistics"]["Mean"] / 1e9)' "$report" "$net")
  awk -v n="$net" -v c="${c_sample_s[$net]}" -v d="$d" \
    'BEGIN { printf "sampling %s: c %.3f s, dagsynth %.3f s, speed dagsynth / c = %.2f (target >= 0.70)\n", n, c, d, c / d }'
done
