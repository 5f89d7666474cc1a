#!/usr/bin/env bash
# The README's two commands:
#   ./hall.sh demo   the whole simulated hall on embedded defaults: a scripted morning, then its artefacts
#   ./hall.sh test   build everything and run every test
# and, for a real hall or by hand:
#   ./hall.sh run    queue-server alone on embedded defaults (its own broker and storage)
# Both install what they need from Debian when run as root, and say what is missing otherwise.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests and the simulated hall use: socat makes virtual serial ports, mosquitto
# is the external broker the server is tested against, the CJK font renders Chinese on boards and
# receipts, espeak-ng is the display's offline Mandarin TTS (voice announcements, WAV tests), chromium
# is the real headless browser the kiosk touch UI and the board page are tested in, poppler-utils
# (pdftotext, pdftoppm, pdfinfo) reads the report PDFs back in the reporting tests.
need_packages() {
  local missing=()
  command -v socat >/dev/null 2>&1 || missing+=(socat)
  [ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null 2>&1 || missing+=(mosquitto)
  command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "hall.sh: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    # policy-rc.d keeps the mosquitto package from starting a system broker on port 1883.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    rm -f /usr/sbin/policy-rc.d
  else
    echo "hall.sh: missing Debian packages: ${missing[*]}" >&2
    echo "hall.sh: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

need_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "hall.sh: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }
}

cmd_demo() {
  need_dotnet
  need_packages
  # The four apps of the hall, built once in Release; the demo starts them as child processes.
  for project in queue-server/HallDevices.QueueServer kiosk/HallDevices.Kiosk display/HallDevices.Display device-sim/HallDevices.DeviceSim; do
    dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly
  done
  exec dotnet device-sim/HallDevices.DeviceSim/bin/Release/net10.0/device-sim.dll demo "$@"
}

cmd_run() {
  need_dotnet
  exec dotnet run --project queue-server/HallDevices.QueueServer -- "$@"
}

cmd_test() {
  need_dotnet
  need_packages
  local log
  log=$(mktemp)
  dotnet build HallDevices.sln -nologo -v q -clp:ErrorsOnly
  # --blame-hang-timeout turns a hung test into a failure with a dump instead of a stuck run.
  set +e
  # One test project at a time (-m:1): each starts real servers, browsers and emulators, and on a
  # 2-core machine running them all at once starves their timing.
  dotnet test HallDevices.sln --no-build -nologo -m:1 --blame-hang-timeout 5m "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  # One closing line for the whole run, summed over the test projects.
  awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
       END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$log"
  rm -f "$log"
  return "$status"
}

case "${1:-}" in
  demo) shift; cmd_demo "$@" ;;
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  *) echo "usage: ./hall.sh demo [--live] [--citizens N] | test | run" >&2; exit 2 ;;
esac
