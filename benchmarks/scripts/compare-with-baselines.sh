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
dotnet publish src/DagSynth.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/dagsynth" >/dev/null
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
