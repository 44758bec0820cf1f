#!/usr/bin/env bash
# The programs some tests drive, installed before the tests run (the tests themselves never
# change the system): Debian's chromium (the html page is checked in headless Chromium), jq
# (a README recipe) and git (union merges of the log). As root with apt-get, missing ones are
# installed; otherwise this says what is missing, and pytest skips the tests that need it,
# giving the reason (under CI=true those tests fail instead).
set -uo pipefail
missing=()
for tool in chromium jq git; do
    command -v "$tool" > /dev/null || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
    echo "tests: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${missing[@]}" > /dev/null 2>&1 ||
        { apt-get update -qq > /dev/null && apt-get install -y -qq "${missing[@]}" > /dev/null; } ||
        echo "tests: could not install ${missing[*]}; the tests that need them will be skipped" >&2
else
    echo "tests: ${missing[*]} not installed; the tests that need them will be skipped" \
        "(install them, e.g. sudo apt-get install ${missing[*]})" >&2
fi
exit 0
