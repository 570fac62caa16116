#!/usr/bin/env bash
# Runs the JMH benchmarks of dictdb-bench and writes their figures into dictdb-bench/RESULTS.md, one section per
# group, replacing only the sections of the groups run.
#
#   dictdb-bench/run.sh [--quick|--full] [--no-build] [--label NAME] [GROUP...]
#
# GROUP: query (default), codecs, csv, backup, indexes (issue #18's composite lookup and ordered walk), all (those
# five, each in its own section), or table: the workloads
# of issue #15's table (GoalTable.ROWS), written as the section "table-NAME" (--label, default "latest"): one row
# per workload with DictDB's figure beside the hand-made baseline's, CQEngine's and H2's, its ratio to the
# hand-made baseline and to CQEngine, and the goal; then the scores behind it.
# Every figure comes from forked JMH runs: one JVM per benchmark method (one system) and parameter set, so that one
# system's JIT profile cannot slow another's. --quick (the default): one fork, short iterations (query: one 1 s
# warm-up, three 1 s measurements; table: two 1 s warm-ups, three 1 s measurements); codecs, csv and backup keep
# their own annotations. --full: two forks, three 2 s warm-ups, five 2 s measurements.
# Extra JMH options can be given in JMH_OPTS (JMH refuses an option given twice). For a smoke test of the table's
# harness, TABLE_RECORDS=N runs it at N records instead of 1,000,000 and TABLE_JMH replaces its JMH mode options
# (e.g. TABLE_JMH='-f 1 -wi 0 -i 1 -r 100ms'); the issue's figures are at 1M with the mode's options.
# hazelcast: io.dictdb.bench.hazelcast.HazelcastBench, the workloads of issue #10 on the in-memory engine, the
# Hazelcast backend on one and on three members in the benchmark's JVM, and the hand-made baseline (100,000
# records), written as the section "hazelcast" ("Hazelcast backend") by HazelcastTable; --quick keeps the class's
# annotations (one fork per system and workload, two 1 s warm-ups, three 1 s measurements).
# JMH refuses to start while another JMH run holds /tmp/jmh.lock; JMH_IGNORE_LOCK=1 runs anyway (the figures then
# share the CPUs: say so).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/RESULTS.md"
mode=quick
build=yes
label=latest
groups=()
args=("$@")
i=0
while [ $i -lt ${#args[@]} ]; do
  arg="${args[$i]}"
  case "$arg" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --no-build) build=no ;;
    --label) i=$((i + 1)); label="${args[$i]:-}"
       [[ "$label" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "run.sh: --label needs a name of letters, digits, - or _" >&2; exit 2; } ;;
    query|codecs|csv|backup|indexes|table|hazelcast) groups+=("$arg") ;;
    all) groups+=(query codecs csv backup indexes) ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (expected --quick, --full, --no-build, --label NAME, query, codecs, csv, backup, indexes, table, hazelcast or all)" >&2
       exit 2 ;;
  esac
  i=$((i + 1))
done
[ ${#groups[@]} -eq 0 ] && groups=(query)

# The benchmarks of a group: a regex over fully qualified benchmark names (one package per group).
regex_of() {
  case "$1" in
    query) echo '^io\.dictdb\.bench\.query\.' ;;
    codecs) echo '^io\.dictdb\.bench\.codec\.' ;;
    csv) echo '^io\.dictdb\.bench\.csv\.' ;;
    backup) echo '^io\.dictdb\.bench\.backup\.' ;;
    indexes) echo '^io\.dictdb\.bench\.index\.' ;;
    hazelcast) echo '^io\.dictdb\.bench\.hazelcast\.' ;;
    table) java -cp "$jar" io.dictdb.bench.GoalTable --regex ;;
  esac
}

heap=(-Xms4g -Xmx4g -XX:+UseParallelGC -XX:+AlwaysPreTouch)
# forked in both modes: each fork gets the heap of its benchmark's @Fork and loads only the store it races
if [ "$mode" = quick ]; then
  jmh_mode=(-f 1 -wi 1 -w 1s -i 3 -r 1s)
  table_mode=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  memory_records=200000
else
  jmh_mode=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
  table_mode=("${jmh_mode[@]}")
  memory_records=1000000
fi
table_records="${TABLE_RECORDS:-1000000}"
# The table's forks keep their @Fork options, -XX:+AlwaysPreTouch included, although touching 4 GB costs 8 to 15 s
# a fork here: on this VM the first touch of a page is slow (about 200-500 MB/s), and a run without it (the first
# "before" run) measured the allocation-heavy inserts about 2x slower than they are once the heap is touched.
# shellcheck disable=SC2206
[ -n "${TABLE_JMH:-}" ] && table_mode=($TABLE_JMH)

if [ "$build" = yes ]; then
  (cd "$root" && mvn -B -q -pl dictdb-bench -am package -DskipTests)
fi
[ -f "$jar" ] || { echo "run.sh: $jar is missing; build it or drop --no-build" >&2; exit 1; }

command="${JMH_IGNORE_LOCK:+JMH_IGNORE_LOCK=$JMH_IGNORE_LOCK }${TABLE_RECORDS:+TABLE_RECORDS=$TABLE_RECORDS }${TABLE_JMH:+TABLE_JMH='$TABLE_JMH' }${JMH_OPTS:+JMH_OPTS='$JMH_OPTS' }dictdb-bench/run.sh $*"
lock=()
[ "${JMH_IGNORE_LOCK:-0}" = 1 ] && lock=(-Djmh.ignoreLock=true)

# The table of issue #15: cross-check, the forked JMH run of the table's workloads, memory of the 3-index stores,
# then GoalTable writes the section table-LABEL.
run_table() {
  local regex json memory started measured core
  regex="$(regex_of table)"
  json="$here/target/jmh-table-$label.json"
  memory="$here/target/memory-table-$label.md"
  started="$(cut -d' ' -f1-3 /proc/loadavg)"
  core="$(cd "$root" && git log -1 --format=%h -- dictdb-core dictdb-api)"
  measured="worktree at $(cd "$root" && git rev-parse --short HEAD)$(cd "$root" && git diff --quiet HEAD -- . || echo ' (with uncommitted changes)'), last engine commit (dictdb-core, dictdb-api) $core; $table_records records"
  echo "== cross-check: every system answers the same"
  java -Xmx2g -cp "$jar" io.dictdb.bench.query.CrossCheck 50000
  echo "== JMH, table of issue #15 (${table_mode[*]}): $regex"
  # shellcheck disable=SC2086
  java ${lock[@]+"${lock[@]}"} -jar "$jar" "$regex" "${table_mode[@]}" -p records="$table_records" \
    ${JMH_OPTS:-} -rf json -rff "$json"
  # after JMH, which takes the machine-wide JMH lock as soon as the cross-check has passed
  echo "== memory per record, 3 indexes ($table_records records)"
  java "${heap[@]}" -cp "$jar" io.dictdb.bench.query.MemoryPerRecord "$table_records" "$memory" table
  measured="$measured; load average (1, 5, 15 min) before: $started, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$jar" io.dictdb.bench.GoalTable "$label" "$json" "$memory.tsv" "$results" \
    "$command (JMH options: ${table_mode[*]} -p records=$table_records${JMH_OPTS:+ $JMH_OPTS})" \
    "$measured"
  echo "== table-$label written to $results"
}
# The Hazelcast backend against the in-memory engine and the baseline: HazelcastTable writes the section
# "hazelcast" with the load average before and after.
run_hazelcast() {
  local json started hz_mode
  json="$here/target/jmh-hazelcast.json"
  started="$(cut -d' ' -f1-3 /proc/loadavg)"
  hz_mode=()
  [ "$mode" = full ] && hz_mode=("${jmh_mode[@]}")
  echo "== JMH, Hazelcast backend (${hz_mode[*]:-as annotated})"
  # shellcheck disable=SC2086
  java ${lock[@]+"${lock[@]}"} -jar "$jar" "$(regex_of hazelcast)" ${hz_mode[@]+"${hz_mode[@]}"} ${JMH_OPTS:-} \
    -rf json -rff "$json"
  java -cp "$jar" io.dictdb.bench.HazelcastTable "$json" "$results" \
    "$command (JMH options: ${hz_mode[*]:-as annotated}${JMH_OPTS:+ $JMH_OPTS})" \
    "worktree at $(cd "$root" && git rev-parse --short HEAD); load average (1, 5, 15 min) before: $started, after: $(cut -d' ' -f1-3 /proc/loadavg)" \
    ${HAZELCAST_EXTRA:-}
  echo "== hazelcast written to $results"
}
for group in "${groups[@]}"; do
  if [ "$group" = table ]; then
    run_table
    continue
  fi
  if [ "$group" = hazelcast ]; then
    run_hazelcast
    continue
  fi
  regex="$(regex_of "$group")"
  listed="$(java -jar "$jar" -l "$regex")"
  if ! grep -q '^io\.dictdb\.bench\.' <<<"$listed"; then
    echo "run.sh: no benchmark in group '$group' ($regex); skipped" >&2
    continue
  fi
  json="$here/target/jmh-$group.json"
  extras=()
  if [ "$group" = query ]; then
    echo "== cross-check: every system answers the same"
    java -Xmx2g -cp "$jar" io.dictdb.bench.query.CrossCheck 50000
    memory="$here/target/memory-query.md"
    echo "== memory per record ($memory_records records)"
    java "${heap[@]}" -cp "$jar" io.dictdb.bench.query.MemoryPerRecord "$memory_records" "$memory.table"
    { echo "### Memory per record"; echo;
      echo "Used heap after full GCs, before and after building the store, over the record count (MemoryPerRecord, ${heap[*]})."
      echo; cat "$memory.table"; } > "$memory"
    extras+=("$memory")
  fi
  echo "== JMH group $group ($mode): $regex"
  group_mode=("${jmh_mode[@]}")
  if [ "$group" != query ] && [ "$mode" = quick ]; then
    # codecs, csv and backup time whole saves, loads and imports: quick mode keeps their own annotations (one
    # fork with its heap, a few single-shot or 10 s iterations); indexes keeps its one fork with a 4 GB heap
    group_mode=()
  fi
  # shellcheck disable=SC2086
  java ${lock[@]+"${lock[@]}"} -jar "$jar" "$regex" ${group_mode[@]+"${group_mode[@]}"} ${JMH_OPTS:-} -rf json -rff "$json"
  java -cp "$jar" io.dictdb.bench.Report "$group" "$json" "$results" \
    "$command (JMH options: ${group_mode[*]:-as annotated}${JMH_OPTS:+ $JMH_OPTS})" ${extras[@]+"${extras[@]}"}
  echo "== $group written to $results"
done
