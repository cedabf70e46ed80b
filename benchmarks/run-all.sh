#!/usr/bin/env bash
# Everything benchmarks/README.md reports, in one command: the JMH suite (about 13 minutes), then
# the load tests over HTTP in memory, on H2 and on PostgreSQL (about 20 minutes; see run-load.sh).
# Results: benchmarks/target/jmh-result.json and benchmarks/target/load-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -DskipTests -pl benchmarks -am package
java -jar benchmarks/target/roster-benchmarks.jar \
  -prof dev.roster.scim.benchmarks.CpuTimeProfiler -rf json -rff benchmarks/target/jmh-result.json
benchmarks/run-load.sh "$@"
