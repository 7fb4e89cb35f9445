#!/usr/bin/env bash
# Rebuilds the layout fixtures from their readable sources (tests/StatsIngest.Tests/Fixtures/layouts/src/):
# every *.tsv → .xlsx (FixtureBuilder, with merged ranges); a few → legacy .xls (BIFF8, LibreOffice) and → a CSV in
# GB18030 without BOM (LibreOffice, then iconv); every *.csv (UTF-8) → the same CSV in GB18030 without BOM, the way
# offices publish them. Needs libreoffice-calc-nogui and iconv. Usage: make-fixtures.sh [NAME ...] (default: all).
# The generated files are committed; tests never run this script. After a change, review the golden CSV diff.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/tests/StatsIngest.Tests/Fixtures/layouts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

wanted() { [ $# -eq 0 ] || [ -z "${only:-}" ] || [[ " $only " == *" $1 "* ]]; }
only="$*"

dotnet build "$root/tools/FixtureBuilder" -v q -nologo >/dev/null
for src in "$dir"/src/*.tsv; do
  name="$(basename "$src" .tsv)"
  wanted "$name" || continue
  dotnet "$root/tools/FixtureBuilder/bin/Debug/net10.0/FixtureBuilder.dll" "$src" "$dir/$name.xlsx"
done

for name in nbs_monthly_2023-12 province_industry_2022-06 gdp_annual_2021_final yearbook_gdp_2019-2022 monthly_growth_2023 stacked_tables_2023-06; do
  wanted "$name" || continue
  soffice --headless --convert-to xls:"MS Excel 97" --outdir "$work" "$dir/$name.xlsx" >/dev/null
  cp "$work/$name.xls" "$dir/${name}_legacy.xls"
done

for name in province_industry_2022-06 portal_monthly_2023 gdp_annual_2021_preliminary gdp_industry_years_preliminary side_by_side_2023-06; do
  wanted "$name" || continue
  soffice --headless --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 --outdir "$work" "$dir/$name.xlsx" >/dev/null
  iconv -f UTF-8 -t GB18030 "$work/$name.csv" > "$dir/${name}_gb18030.csv"
done

for src in "$dir"/src/*.csv; do
  name="$(basename "$src" .csv)"
  wanted "$name" || continue
  iconv -f UTF-8 -t GB18030 "$src" > "$dir/${name}_gb18030.csv"
done
echo "fixtures rebuilt in $dir"
