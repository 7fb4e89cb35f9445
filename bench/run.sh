#!/usr/bin/env bash
# Whole-process benchmarks of StatsIngest beside its baselines, measured in the same run: generates the panel
# (31 provinces × industries 06–46 × 当月/累计 × level/growth, period by period) at each size, runs each job and its
# baselines alternately RUNS times, and prints one table of medians, peak memory and ratios with the goals beside them.
#
#   bench/run.sh [--sizes "10000 100000 1000000"] [--stores "0 100000 1000000"] [--runs 3] [--xlsx-sizes "100000"]
#   bench/run.sh --sizes "" --xlsx-sizes "" --stores "10000000" --runs 3   the monthly file into 10M (≈ 15 min, 7 GB of /tmp)
#   bench/run.sh --smoke        10k rows, one run, the Debug build the tests use, and every BenchmarkDotNet micro
#                               benchmark once (the tests run this, so it never rots); the micro benchmarks measured:
#                               dotnet run -c Release --project bench/StatsIngest.Benchmarks -- micro [--filter '*Store*']
#   --r2r                       the build a deployment runs (README: a publish for the platform is ReadyToRun): StatsIngest
#                               and the bench's baselines both precompiled; the default measures the JIT build against JIT
#   --postgres "Host=…;Port=…;Username=…;Database=statsingest_bench"   also ingest each CSV into PostgreSQL (the database
#                               named is dropped and created for every run) beside SQLite, and a bare binary COPY of the rows;
#                               and the monthly file into a PostgreSQL store of each size (databases named …_store_S,
#                               …_copy, …_empty beside it, dropped at the end)
#
# Public tools only: /usr/bin/time for wall time and peak memory (RSS); Debian's python3-pandas and python3-openpyxl
# for the pandas baseline (installed when apt can; left out with a note otherwise).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes="10000 100000 1000000"
stores="0 100000 1000000"
xlsx_sizes="100000"
runs=3
postgres=""
config=Release
build=1
r2r=0
micro_smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --stores) stores="$2"; shift 2 ;;
    --xlsx-sizes) xlsx_sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    --r2r) r2r=1; shift ;;
    --smoke) sizes="10000"; stores="0 10000"; xlsx_sizes="10000"; runs=1; config=Debug; build=0; micro_smoke=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
pg_made=()
# pg_db NAME: the --postgres connection string naming the database NAME instead.
pg_db() { printf '%s' "$postgres" | sed -E "s/(^|;)[[:space:]]*[Dd]atabase[[:space:]]*=[^;]*/\1Database=$1/"; }
pg_base="$(printf '%s' "$postgres" | sed -nE 's/(^|.*;)[[:space:]]*[Dd]atabase[[:space:]]*=([^;]*).*/\2/p')"
cleanup() {
  for cs in "${pg_made[@]}"; do "${bench[@]}" pg-drop "$cs" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
if [ "$build" = 1 ] && [ "$r2r" = 1 ]; then
  # As a deployment publishes it (README): precompiled for this machine — StatsIngest and the baselines alike.
  rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
  dotnet publish "$root/bench/StatsIngest.Benchmarks" -c "$config" -r "$rid" --no-self-contained -p:PublishReadyToRun=true -o "$work/bin" -v quiet -nologo >/dev/null
  bin="$work/bin"; config="$config, ReadyToRun"
elif [ "$build" = 1 ]; then
  dotnet build "$root/bench/StatsIngest.Benchmarks" -c "$config" -o "$work/bin" -v quiet -nologo >/dev/null
  bin="$work/bin"
else
  bin="$root/bench/StatsIngest.Benchmarks/bin/$config/net10.0"
fi
# The analyst of one province: the workbooks report 广东省 (Indicators:DefaultRegion); the store keeps all 31.
si=(dotnet "$bin/statsingest.dll")
region=(--Indicators:DefaultRegion=广东省)
# The panel's files as inputs of any size: a 10M-row CSV is 734 MB and runs to 2160, a 1M-row .xlsx holds 9M cells in
# a 480 MB sheet part (the defaults refuse them all).
big=(--Limits:MaxFileMegabytes=4096 --Limits:MaxYear=2200 --Limits:MaxCellsPerSheet=20000000 --Limits:MaxXmlPartMegabytes=2048)
bench=(dotnet "$bin/statsingest-bench.dll")
py=/usr/bin/python3
if [ "${config%%,*}" = Release ] && ! $py -c "import pandas, openpyxl" 2>/dev/null && [ "$(id -u)" -eq 0 ]; then
  # A fresh machine's package lists may be stale or empty: read them again when the packages are not found.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pandas python3-openpyxl >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pandas python3-openpyxl >/dev/null 2>&1; } || true
fi
have_pandas=0
$py -c "import pandas, openpyxl" 2>/dev/null && have_pandas=1

# measure NAME CMD...: runs CMD, appends "NAME seconds peak_kb" to the results.
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { echo "failed: $name" >&2; tail -5 "$work/err" >&2; return 1; }
  echo "$name $(cat "$work/time")" >>"$work/results"
}
# median NAME: the median seconds and peak MB of NAME's runs.
median() {
  awk -v n="$1" '$1 == n { print $2, $3 }' "$work/results" | sort -n | awk '{ s[NR] = $1; m[NR] = $2 } END { if (NR == 0) { print "- -"; exit } i = int((NR + 1) / 2); printf "%.2f %.0f\n", s[i], m[i] / 1024 }'
}
row() { # row WORK NAME BASE GOAL: a table row with the ratio of NAME's median to BASE's
  read -r t m < <(median "$2"); read -r bt bm < <(median "$3")
  local ratio; ratio=$(awk -v a="$t" -v b="$bt" 'BEGIN { if (b > 0 && a != "-") printf "%.1f×", a / b; else print "-" }')
  printf '| %s | %s s, %s MB | %s: %s s, %s MB | %s | %s |\n' "$1" "$t" "$m" "${3%%@*}" "$bt" "$bm" "$ratio" "$4" >>"$work/table"
}

echo "| work | StatsIngest | baseline | ratio | goal |" >"$work/table"
echo "|---|---|---|---|---|" >>"$work/table"

for n in $sizes; do
  "${bench[@]}" generate csv "$n" "$work/panel_$n.csv"
  for r in $(seq "$runs"); do
    measure "bare-csv@$n" "${bench[@]}" bare-csv "$work/panel_$n.csv"
    rm -rf "$work/data"; measure "ingest@$n" "${si[@]}" ingest "$work/panel_$n.csv" --data "$work/data" "${big[@]}" "${region[@]}"
    # validate stages the file as ingest does (a scratch store in TMPDIR) and prints every observation read back from it.
    measure "validate@$n" "${si[@]}" validate "$work/panel_$n.csv" "${big[@]}" || true
    measure "bare-sqlite@$n" "${bench[@]}" bare-sqlite "$work/panel_$n.csv" "$work/bare.db"
    if [ -n "$postgres" ]; then
      "${bench[@]}" pg-fresh "$postgres"; rm -rf "$work/data"
      measure "ingest-pg@$n" "${si[@]}" ingest "$work/panel_$n.csv" --data "$work/data" "${big[@]}" "${region[@]}" --Store:Provider=postgres "--ConnectionStrings:StatsIngest=$postgres"
      measure "bare-pg@$n" "${bench[@]}" bare-postgres "$work/panel_$n.csv" "$postgres"
    fi
    if [ "$have_pandas" = 1 ]; then
      measure "pandas@$n" $py "$root/bench/pandas_job.py" "$work/panel_$n.csv" "$work/pandas"
      measure "pandas-summary@$n" $py "$root/bench/pandas_job.py" "$work/panel_$n.csv" "$work/pandas" --summary-only
    fi
  done
  row "ingest $n rows, end to end" "ingest@$n" "bare-csv@$n" "≤ 5× the bare parse; peak ≤ 400 MB"
  row "ingest $n rows, end to end" "ingest@$n" "bare-sqlite@$n" "(the rows inserted as they are)"
  if [ "$have_pandas" = 1 ]; then
    row "ingest $n rows, end to end" "ingest@$n" "pandas@$n" "(read, normalize, to_sql, summary, xlsx)"
    row "ingest $n rows, end to end" "ingest@$n" "pandas-summary@$n" "faster than the summary-only script (< 1×)"
  fi
  if [ -n "$postgres" ]; then
    row "ingest $n rows into PostgreSQL, end to end" "ingest-pg@$n" "ingest@$n" "(the same file into SQLite, the default)"
    row "ingest $n rows into PostgreSQL, end to end" "ingest-pg@$n" "bare-pg@$n" "(the rows COPY'd as they are)"
  fi
  row "validate $n rows (read + normalize)" "validate@$n" "bare-csv@$n" ""
done

for n in $xlsx_sizes; do
  "${bench[@]}" generate xlsx "$n" "$work/panel_$n.xlsx"
  for r in $(seq "$runs"); do
    measure "bare-xlsx@$n" "${bench[@]}" bare-xlsx "$work/panel_$n.xlsx"
    rm -rf "$work/data"; measure "ingest-xlsx@$n" "${si[@]}" ingest "$work/panel_$n.xlsx" --data "$work/data" "${big[@]}" "${region[@]}"
  done
  row "ingest $n-row .xlsx" "ingest-xlsx@$n" "bare-xlsx@$n" "≤ 2× ExcelDataReader, memory ≤ 2× its"
done

# A monthly file (168 rows) into a store that already holds S observations, against the same file into an empty store:
# January and February of the year after the largest store's last month (2030 at the earliest; a 10M panel runs to 2160).
largest=0
for s in $stores; do [ "$s" -gt "$largest" ] && largest=$s; done
year=$("${bench[@]}" year-after "$largest")
years=(--Limits:MaxYear="$year")
"${bench[@]}" monthly "$year-01" 广东省 "$work/monthly.csv"
"${bench[@]}" monthly "$year-02" 广东省 "$work/monthly_next.csv"

# wait_for FILE PID: until FILE exists (or the service PID is gone, or 600 s).
wait_for() {
  local n=0
  until [ -e "$1" ]; do
    kill -0 "$2" 2>/dev/null || { echo "the service stopped before $1 appeared" >&2; return 1; }
    n=$((n + 1)); [ "$n" -lt 12000 ] || { echo "timed out waiting for $1" >&2; return 1; }
    sleep 0.05
  done
}
# service NAME DATA: the running service, warmed by one monthly file, then the time from dropping the next one into
# the inbox to its workbook (the quiet period set to 0, so what is left is the service's own work).
service() {
  local data="$2" pid t0 t1
  "${si[@]}" run --data "$data" --Inbox:QuietPeriodSeconds=0 "${years[@]}" "${region[@]}" >"$work/service.log" 2>&1 &
  pid=$!
  mkdir -p "$data/inbox"
  cp "$work/monthly.csv" "$data/monthly.tmp" && mv "$data/monthly.tmp" "$data/inbox/monthly.csv"
  wait_for "$data/out/$year-01/StatsIngest_Summary_$year-01.xlsx" "$pid" || { kill "$pid"; return 1; }
  cp "$work/monthly_next.csv" "$data/next.tmp"
  t0=$(date +%s.%N); mv "$data/next.tmp" "$data/inbox/monthly_next.csv"
  wait_for "$data/out/$year-02/StatsIngest_Summary_$year-02.xlsx" "$pid" || { kill "$pid"; return 1; }
  t1=$(date +%s.%N)
  local peak; peak=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
  kill -TERM "$pid"; wait "$pid" || true
  echo "$1 $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') ${peak:-0}" >>"$work/results"
}
# monthly_pg S: the monthly file into a copy of a PostgreSQL store of S observations (made by this build: a refresh of
# its own before), each run beside the same file into an empty PostgreSQL store.
monthly_pg() {
  local s="$1" store copy empty pg=(--Store:Provider=postgres)
  store=$(pg_db "${pg_base}_store_$s"); copy=$(pg_db "${pg_base}_copy"); empty=$(pg_db "${pg_base}_empty")
  pg_made+=("$store" "$copy" "$empty")
  "${bench[@]}" pg-fresh "$store"; rm -rf "$work/pgstore"; mkdir -p "$work/pgstore"
  if [ "$s" -gt 0 ]; then
    "${si[@]}" ingest "$work/store_$s.csv" --data "$work/pgstore" "${big[@]}" --Limits:FileSeconds=86400 "${region[@]}" "${pg[@]}" "--ConnectionStrings:StatsIngest=$store" >/dev/null 2>"$work/err" || {
      echo "the PostgreSQL store of $s rows could not be made:" >&2; tail -5 "$work/err" >&2; exit 1; }
  fi
  for r in $(seq "$runs"); do
    "${bench[@]}" pg-fresh "$copy" "${pg_base}_store_$s"; rm -rf "$work/pgcopy"; cp -r "$work/pgstore" "$work/pgcopy"
    measure "monthly-pg@$s" "${si[@]}" ingest "$work/monthly.csv" --data "$work/pgcopy" "${years[@]}" "${region[@]}" "${pg[@]}" "--ConnectionStrings:StatsIngest=$copy"
    "${bench[@]}" pg-fresh "$empty"; rm -rf "$work/pgempty"; mkdir -p "$work/pgempty"
    measure "monthly-pg-empty@$s" "${si[@]}" ingest "$work/monthly.csv" --data "$work/pgempty" "${years[@]}" "${region[@]}" "${pg[@]}" "--ConnectionStrings:StatsIngest=$empty"
  done
  "${bench[@]}" pg-drop "$store"
}
for s in $stores; do
  rm -rf "$work/store_$s"
  if [ "$s" -gt 0 ]; then
    "${bench[@]}" generate csv "$s" "$work/store_$s.csv"
    "${si[@]}" ingest "$work/store_$s.csv" --data "$work/store_$s" "${big[@]}" "${region[@]}" >/dev/null 2>"$work/err" || {
      echo "the store of $s rows could not be made:" >&2; tail -5 "$work/err" >&2
      head -20 "$work/store_$s"/quarantine/*.error.txt >&2 2>/dev/null || true; exit 1; }
  else
    mkdir -p "$work/store_$s"
  fi
  for r in $(seq "$runs"); do
    # The copy written out before the run (at 10M it is 2 GB of dirty pages the kernel would write back during it).
    rm -rf "$work/copy"; cp -r "$work/store_$s" "$work/copy"; sync
    measure "monthly@$s" "${si[@]}" ingest "$work/monthly.csv" --data "$work/copy" "${years[@]}" "${region[@]}"
    if [ "$s" -gt 0 ]; then
      # Its baseline right after it (this machine's speed drifts by tens of percent over minutes): the same file into an empty store.
      rm -rf "$work/empty"; mkdir -p "$work/empty"
      measure "monthly-empty@$s" "${si[@]}" ingest "$work/monthly.csv" --data "$work/empty" "${years[@]}" "${region[@]}"
    fi
    measure "report@$s" "${si[@]}" report --data "$work/copy" "${years[@]}" "${region[@]}"
    # The same report when its workbook must be written: the latest period's folder (workbook, revisions, inputs) removed.
    rm -rf "$work/copy/out/$year-01" "$work/copy/out/latest.xlsx"
    measure "report-write@$s" "${si[@]}" report --data "$work/copy" "${years[@]}" "${region[@]}"
    rm -rf "$work/served"; cp -r "$work/store_$s" "$work/served"; sync; service "service@$s" "$work/served"
    # The same cells written bare: every table of the workbook (its companion CSVs), values only.
    tables=$(dirname "$(find "$work/copy/out/$year-01" -name '数据.csv' | head -1)")
    measure "bare-closedxml@$s" "${bench[@]}" bare-closedxml "$tables" "$work/bare.xlsx"
  done
  if [ -n "$postgres" ] && [ "$s" -gt 0 ]; then monthly_pg "$s"; fi
  rm -f "$work/store_$s.csv"
done
for s in $stores; do
  [ "$s" -gt 0 ] && row "a 168-row monthly file into a store of $s" "monthly@$s" "monthly-empty@$s" "≤ 1.5× at 1M, ≤ 2× at 10M"
  [ "$s" -gt 0 ] && [ -n "$postgres" ] && row "a 168-row monthly file into a PostgreSQL store of $s" "monthly-pg@$s" "monthly-pg-empty@$s" "≤ 1.5× at 1M, ≤ 2× at 10M"
  row "report, store of $s (its workbook current: read, compute, compare)" "report@$s" "bare-closedxml@$s" "≤ 1.5× a bare write of its cells; ≤ 3 s, ≤ 300 MB at 1M"
  row "report that writes its workbook, store of $s" "report-write@$s" "bare-closedxml@$s" "≤ 1.5× a bare write of its cells"
  row "service, warm: drop → workbook, store of $s (peak memory of the whole run)" "service@$s" "service@0" "≤ 2 s after the quiet period at 1M"
done

if [ "$micro_smoke" = 1 ]; then
  "${bench[@]}" micro-smoke >"$work/micro" 2>&1 || { echo "the micro benchmarks failed:" >&2; tail -30 "$work/micro" >&2; exit 1; }
fi
echo
if [ "$micro_smoke" = 1 ]; then tail -1 "$work/micro"; fi
echo "StatsIngest $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $config, $(nproc) cores, medians of $runs run(s), $(date -u +%Y-%m-%d)"
[ "$have_pandas" = 1 ] || echo "(pandas baseline left out: python3-pandas and python3-openpyxl are not installed)"
cat "$work/table"
