#!/usr/bin/env bash
# Runs the JMH benchmarks of dictdb-bench and writes their figures into dictdb-bench/RESULTS.md, one section per
# group, replacing only the sections of the groups run.
#
#   dictdb-bench/run.sh [--quick|--full] [--no-build] [GROUP...]
#
# GROUP: query (default), codecs, csv, backup, or all (every group, each in its own section).
# --quick (the default): every benchmark of a group in one JVM (-f 0), so that each store of a million records is
# loaded once for the group instead of once per benchmark; one short warm-up, three 1 s measurements. Ratios within
# the run are what it is for. --full: one fork per benchmark (the JVM options of each benchmark's @Fork), three
# 2 s warm-ups, five 2 s measurements, two forks.
# Extra JMH options can be given in JMH_OPTS, e.g. JMH_OPTS='-p records=100000'. JMH refuses to start while another
# JMH run holds /tmp/jmh.lock; JMH_IGNORE_LOCK=1 runs anyway (the figures then share the CPUs: say so).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/RESULTS.md"
mode=quick
build=yes
groups=()
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --no-build) build=no ;;
    query|codecs|csv|backup) groups+=("$arg") ;;
    all) groups+=(query codecs csv backup) ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (expected --quick, --full, --no-build, query, codecs, csv, backup or all)" >&2
       exit 2 ;;
  esac
done
[ ${#groups[@]} -eq 0 ] && groups=(query)

# The benchmarks of a group: a regex over fully qualified benchmark names (one package per group).
regex_of() {
  case "$1" in
    query) echo '^io\.dictdb\.bench\.query\.' ;;
    codecs) echo '^io\.dictdb\.bench\.codec\.' ;;
    csv) echo '^io\.dictdb\.bench\.csv\.' ;;
    backup) echo '^io\.dictdb\.bench\.backup\.' ;;
  esac
}

heap=(-Xms4g -Xmx4g -XX:+UseParallelGC -XX:+AlwaysPreTouch)
if [ "$mode" = quick ]; then
  # non-forked: the benchmarks run in the launching JVM, so it gets the heap (every store of the group lives in it)
  jmh_jvm=(-Xms8g -Xmx8g -XX:+UseParallelGC)
  jmh_mode=(-f 0 -wi 1 -w 1s -i 3 -r 1s)
  memory_records=200000
else
  jmh_jvm=()
  jmh_mode=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
  memory_records=1000000
fi

if [ "$build" = yes ]; then
  (cd "$root" && mvn -B -q -pl dictdb-bench -am package -DskipTests)
fi
[ -f "$jar" ] || { echo "run.sh: $jar is missing; build it or drop --no-build" >&2; exit 1; }

command="${JMH_IGNORE_LOCK:+JMH_IGNORE_LOCK=$JMH_IGNORE_LOCK }${JMH_OPTS:+JMH_OPTS='$JMH_OPTS' }dictdb-bench/run.sh $*"
for group in "${groups[@]}"; do
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
  # shellcheck disable=SC2086
  lock=()
  [ "${JMH_IGNORE_LOCK:-0}" = 1 ] && lock=(-Djmh.ignoreLock=true)
  group_jvm=("${jmh_jvm[@]}")
  group_mode=("${jmh_mode[@]}")
  if [ "$group" != query ] && [ "$mode" = quick ]; then
    # codecs and csv load their data per fork and time whole saves, loads and imports: quick mode keeps their own
    # annotations (one fork with its heap, a few single-shot or 10 s iterations) instead of the shared-JVM -f 0.
    group_jvm=()
    group_mode=()
  fi
  java ${group_jvm[@]+"${group_jvm[@]}"} ${lock[@]+"${lock[@]}"} -jar "$jar" "$regex" ${group_mode[@]+"${group_mode[@]}"} ${JMH_OPTS:-} -rf json -rff "$json"
  java -cp "$jar" io.dictdb.bench.Report "$group" "$json" "$results" \
    "$command (JMH options: ${group_mode[*]:-as annotated}${JMH_OPTS:+ $JMH_OPTS})" ${extras[@]+"${extras[@]}"}
  echo "== $group written to $results"
done
