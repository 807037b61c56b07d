#!/usr/bin/env bash
# Installs the browser test's node modules into a build folder, exactly as the committed lock
# says. `npm ci` starts by deleting node_modules, so it runs only when the lock changed since the
# last install: a second test run neither waits for the registry nor needs it.
#   install_modules.sh SOURCE_FOLDER BUILD_FOLDER
set -euo pipefail

source_folder=$1
build_folder=$2
stamp=$build_folder/node_modules/.installed-package-lock.json

mkdir -p "$build_folder"
cp "$source_folder/package.json" "$source_folder/package-lock.json" "$build_folder/"
if cmp -s "$build_folder/package-lock.json" "$stamp" &&
  [ -f "$build_folder/node_modules/playwright-core/package.json" ]; then
  echo "modules already installed in $build_folder"
  exit 0
fi
command -v npm >/dev/null || {
  echo "npm is missing: ./deploy/dev.sh test installs it (Debian packages nodejs and npm)" >&2
  exit 1
}
# --prefer-offline: the packages already in npm's cache are not asked for again.
npm ci --prefix "$build_folder" --prefer-offline --no-audit --no-fund --loglevel=error
cp "$build_folder/package-lock.json" "$stamp"
echo "modules installed in $build_folder"
