#!/bin/sh
# Run by `npm test` before the tests (npm's pretest): the reader page test drives a real Chromium, and its
# screenshots need fonts for every script the records use (Arabic, Chinese, Japanese, Korean ...). On Debian or
# Ubuntu this installs, once, Debian's `chromium`, `fonts-dejavu-core` and `fonts-noto-cjk` with apt-get (as
# root, or through sudo when it needs no password). Elsewhere it says what is missing and stops.
# SIFT_CHROMIUM points at another Chromium binary (then only the fonts are checked).
set -eu

chromium=${SIFT_CHROMIUM:-/usr/bin/chromium}
missing=""
[ -x "$chromium" ] || [ -n "${SIFT_CHROMIUM:-}" ] || missing="chromium"
command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ar 2>/dev/null)" ] || missing="$missing fonts-dejavu-core"
command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ] && [ -n "$(fc-list :lang=ja 2>/dev/null)" ] || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test: the reader page test needs Chromium and fonts for Arabic and CJK (missing:$missing)." >&2
  echo "Install them with your package manager, or set SIFT_CHROMIUM to a Chromium binary." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo"
else
  echo "npm test: the reader page test needs:$missing. Install them once with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "npm test: installing$missing (apt-get), needed by the reader page test" >&2
$as_root apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $missing >/dev/null
