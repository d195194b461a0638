#!/usr/bin/env bash
# The servers the test suite starts for itself, from Debian's packages: a PostgreSQL
# server, and a JDK with Maven for the OpenSearch node built from Maven Central jars.
# espeak-ng and ffmpeg read the stenographic text aloud and decode recordings for the
# aligner of speeches to video (indexer/alignment/audio.py).
# Installs only what is missing; needs root (or sudo) only when something is.
set -euo pipefail

missing=()
if ! command -v pg_ctl >/dev/null && ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  missing+=(postgresql)
fi
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v runuser >/dev/null || missing+=(util-linux)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null; then
  SUDO="sudo"
else
  echo "missing ${missing[*]}: install them (apt-get install ${missing[*]}) and run again" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
