#!/usr/bin/env bash
# What an application gets at run time when it depends on a slacker module: the number of jars
# (slacker's own included) and the megabytes of third-party jars. Optional dependencies of the module
# (transit-java in slacker-core) are left out, as Maven leaves them out for the application.
#   scripts/dependency-footprint.sh [module...]      (default: slacker-core slacker-cluster)
# Offline by default; MVN_OFFLINE= (empty) lets Maven download what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
modules=("$@")
[ ${#modules[@]} -eq 0 ] && modules=(slacker-core slacker-cluster)
list=$(IFS=,; echo "${modules[*]}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mvn -B -q ${MVN_OFFLINE--o} -pl "$list" -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:tree -Dscope=runtime \
    -DoutputFile="$out/\${project.artifactId}.tree" >/dev/null
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
for m in "${modules[@]}"; do
  python3 - "$m" "$out/$m.tree" "$repo" <<'PY'
import os, re, sys
name, tree, repo = sys.argv[1:]
jars = 0; third = 0; size = 0; skip_below = None
for line in open(tree).read().splitlines()[1:]:
    depth = len(re.match(r'^[| +\\-]*', line).group(0)) // 3
    coords = line[depth * 3:].split(' ')[0].split(':')
    if skip_below is not None and depth > skip_below:
        continue
    skip_below = None
    if '(optional)' in line:
        skip_below = depth
        continue
    g, a, t = coords[0], coords[1], coords[2]
    c, v = (coords[3], coords[4]) if len(coords) == 6 else ('', coords[3])
    jars += 1
    if g == 'io.slacker':
        continue
    third += 1
    f = os.path.join(repo, g.replace('.', '/'), a, v, f"{a}-{v}{'-' + c if c else ''}.{t}")
    size += os.path.getsize(f)
print(f"{name:24s} {jars + 1:3d} jars ({third} third-party, {size / 1048576:.1f} MB)")
PY
done
