#!/usr/bin/env bash
# Renders the sample month's report and opens it in headless Chromium (tools/check-report/check-report.mjs):
# no console errors, nothing fetched, every chart drawn, Chinese labels as glyphs.
# Needs Debian's chromium and a CJK font (installed here when missing and run as root) and Node.js.
# Usage: tools/check-report.sh [report.html] [screenshot.png]   (default: builds one from out/samples)
set -euo pipefail
tools="$(cd "$(dirname "$0")" && pwd)"; repo="$(dirname "$tools")"; here="$tools/check-report"
if ! command -v chromium >/dev/null || ! (fc-list 2>/dev/null | grep -qi 'CJK'); then
  if [ "$(id -u)" = 0 ]; then apt-get install -y chromium fonts-noto-cjk >/dev/null; else echo "install chromium and fonts-noto-cjk first" >&2; exit 2; fi
fi
report="${1:-}"
if [ -z "$report" ]; then
  report="$(mktemp -d)/report.html"
  dotnet "$repo/out/cli/bankinsight.dll" report --output_data_path "$report" --churn_path "$repo/out/samples/customer_losing.del" \
    --prospect_path1 "$repo/out/samples/potential_customer.del" --prospect_path2 "$repo/out/samples/potential_customer_relation.del" \
    --retail_path "$repo/out/samples/retail_customer.del" 2>/dev/null
fi
(cd "$here" && { [ -d node_modules/playwright-core ] || npm install --no-audit --no-fund --silent >/dev/null; })
node "$here/check-report.mjs" "$report" "${2:-}"
