#!/usr/bin/env bash
# The servers the test suite starts for itself, from Debian's packages: a PostgreSQL
# server, a JDK with Maven for the OpenSearch node built from Maven Central jars, and
# Tesseract with its Spanish model for reading scanned sentences (OCR).
# Chromium with npm for the browser tests.
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
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
compgen -G "/usr/share/tesseract-ocr/*/tessdata/spa.traineddata" >/dev/null \
  || missing+=(tesseract-ocr-spa)
# optional, for the load benchmark only (bench/load.py); the tests never need it
if [ "${WITH_BENCH:-}" = 1 ]; then
  command -v wrk >/dev/null || missing+=(wrk)
fi
# The browser tests drive Debian's Chromium (never a downloaded browser); npm brings axe-core.
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v npm >/dev/null || missing+=(npm)
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
