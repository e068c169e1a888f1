#!/usr/bin/env bash
# A 30-day backfill in one run against 30 single-day runs, on the DirectRunner, same generated data:
# the three inventory tables exported as CSV and compared (sorted, hashed). Usage: bash runners/bench/backfill-equals-days.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
W=${WORK:-/tmp/backfill-equals-days}; rm -rf "$W"; mkdir -p "$W"
bin/tributary generate inventory --listings=300 --days=30 --lookback-days=14 --last-day=2024-06-30 --out=$W/in --seed=5 >/dev/null
COMMON="--input=$W/in --windows=1,7 --group-window-days=7 --runner=direct"
start=$(date +%s)
bin/tributary inventory run --from=2024-06-01 --to=2024-06-30 $COMMON --lake=$W/backfill > $W/backfill.log 2>&1
mid=$(date +%s)
for d in $(seq -w 1 30); do
  bin/tributary inventory run --date=2024-06-$d $COMMON --lake=$W/singles > $W/single-$d.log 2>&1
done
end=$(date +%s)
echo "backfill $((mid-start)) s, 30 single-day runs $((end-mid)) s"
for t in active_listings listing_activity inventory_groups; do
  bin/tributary table export inventory.$t --format=csv --to=$W/exp-b-$t --lake=$W/backfill >/dev/null 2>&1
  bin/tributary table export inventory.$t --format=csv --to=$W/exp-s-$t --lake=$W/singles >/dev/null 2>&1
  b=$(find $W/exp-b-$t -name '*.csv' -exec tail -n +2 {} \; | sort | sha256sum | cut -c1-16)
  s=$(find $W/exp-s-$t -name '*.csv' -exec tail -n +2 {} \; | sort | sha256sum | cut -c1-16)
  n=$(find $W/exp-b-$t -name '*.csv' -exec tail -n +2 {} \; | wc -l)
  echo "$t: $n rows, backfill $b singles $s $([ "$b" = "$s" ] && echo EQUAL || echo DIFFERENT)"
done
