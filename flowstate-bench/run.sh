#!/usr/bin/env bash
# Builds the benchmark classpath and runs the whole suite in one session (four to five minutes):
#   1. one JMH run of FlowRoundTripBenchmark, EngineRoundTripBenchmark and ScriptStepBenchmark,
#      one fork per trial, with the warm-up and measurement of their annotations;
#   2. BenchRatios over that JMH result (every ratio from figures of the same run);
#   3. FlowLoadDriver (8 virtual-thread clients over loopback, memory against sqlite).
# Results land in flowstate-bench/target/: machine.txt, jmh.txt, jmh.json, ratios.txt, load.txt, load.json.
#
# Usage, from anywhere:  flowstate-bench/run.sh [extra JMH options, e.g. -wi 1 -i 1 for a smoke run]
# Needs JDK >= 21 (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64) and Maven. BENCH_JAVA_OPTS is passed to
# the JMH and load JVMs; JMH refuses to start while another JMH run holds /tmp/jmh.lock, which is right on a
# shared machine (wait for it); -Djmh.ignoreLock=true overrides that for a smoke run only.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/target"
cd "$root"

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java"

mvn -B -q -pl flowstate-bench -am package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -DskipTests
classpath="$out/classes:$(cat "$out/classpath.txt")"

machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "jdk: $("$java" -version 2>&1 | head -n 2 | tail -n 1)"
  echo "load average (1 5 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
}

{ echo "## before"; machine; } > "$out/machine.txt"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
"$java" ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.openjdk.jmh.Main \
    'io\.flowstate\.bench\.(FlowRoundTrip|EngineRoundTrip|ScriptStep)Benchmark' \
    -f 1 -rf json -rff "$out/jmh.json" "$@" | tee "$out/jmh.txt"

{ echo "## after JMH"; machine; } >> "$out/machine.txt"

"$java" -cp "$classpath" io.flowstate.bench.BenchRatios "$out/jmh.json" "$out/ratios.txt"

# shellcheck disable=SC2086
"$java" ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -DFLOWSTATE_LOG_LEVEL=warn -cp "$classpath" io.flowstate.bench.FlowLoadDriver \
    clients=8 warmup=PT5S duration=PT4S rounds=2 out="$out/load" > "$out/load.log" 2>&1 \
  || { cat "$out/load.log"; exit 1; }
cat "$out/load.txt"

{ echo "## after load"; machine; } >> "$out/machine.txt"
cat "$out/machine.txt"
