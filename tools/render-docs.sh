#!/usr/bin/env bash
# Renders the 概览 page (whole, as printed) and the 贡献率趋势 page of a workbook built from the bundled samples and a few layout fixtures, the
# way LibreOffice prints them, into docs/overview.png and docs/contribution-trend.png, and the explained grid of a
# yearbook table (validate --explain-workbook) into docs/explained-grid.png. Needs libreoffice-calc-nogui,
# fonts-noto-cjk and poppler-utils (pdftoppm, pdftotext).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fx="$root/tests/StatsIngest.Tests/Fixtures/layouts"
run() { dotnet run --project "$root/src/StatsIngest" --no-launch-profile -- "$@" --data "$work/data" >/dev/null; }
run ingest "$root/samples/01_national_accounts_2019-2021_preliminary.csv"
run ingest "$root/samples/02_national_accounts_2021_final_2022_preliminary.csv" "$root/samples/03_iva_above_scale_monthly_2023.csv" \
  "$fx/industry_scale_2021-2022.xlsx" "$fx/zhongshan_2021-02.xlsx" "$fx/zhongshan_2022-02.xlsx" "$fx/gdp_annual_2021_final.xlsx"
cp "$work/data/out/latest.xlsx" "$work/summary.xlsx"
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/summary.xlsx" >/dev/null
pdftoppm -r 90 -png -f 1 -l 1 -singlefile "$work/summary.pdf" "$root/docs/overview"   # 概览: the whole printed page
trend_page=1
while ! pdftotext -f "$trend_page" -l "$trend_page" "$work/summary.pdf" - | grep -q '偏离基准'; do trend_page=$((trend_page + 1)); done
pdftoppm -r 110 -png -f "$trend_page" -l "$trend_page" -x 60 -y 60 -W 1180 -H 420 -singlefile "$work/summary.pdf" "$root/docs/contribution-trend"
dotnet run --project "$root/src/StatsIngest" --no-launch-profile -- validate "$fx/yearbook_gdp_2019-2022.xlsx" --explain-workbook "$work/explained.xlsx" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/explained.xlsx" >/dev/null
pdftoppm -r 160 -png -f 1 -l 1 -x 105 -y 105 -W 1680 -H 520 -singlefile "$work/explained.pdf" "$root/docs/explained-grid"
echo "rendered docs/overview.png, docs/contribution-trend.png and docs/explained-grid.png"

# The operator's page: the service on the same data folder with its page on a local port, one bad file quarantined,
# shot by headless Chromium (Debian's chromium).
cp "$root/tests/StatsIngest.Tests/Fixtures/bad_values_and_indicator.csv" "$work/data/inbox/月报_有误.csv"
port=$(( 20000 + RANDOM % 20000 ))
dotnet run --project "$root/src/StatsIngest" --no-launch-profile -- run --data "$work/data" --Monitoring:Url="http://127.0.0.1:$port" \
  --Inbox:QuietPeriodSeconds=0.5 >"$work/service.log" 2>&1 &
service=$!
for _ in $(seq 60); do
  [ -f "$work/data/quarantine/月报_有误.csv.error.txt" ] && curl -fs "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1500 \
  --screenshot="$root/docs/operator-page.png" "http://127.0.0.1:$port/" 2>/dev/null
kill -TERM "$service"; wait "$service" || true
echo "rendered docs/operator-page.png"
