#!/usr/bin/env bash
# Makes docs/assets/lights-sheet.png, the picture of the lights template in the guide:
# the template from `lights-sheet`, the first four lights filled in, printed to PDF by
# LibreOffice Calc (headless) and the top of the page cut out by pdftoppm.
# Needs: apt-get install --no-install-recommends libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m generator lights-sheet --out "$work/lys.xlsx" >/dev/null
.venv/bin/python - "$work" <<'PY'
import sys
import openpyxl
folder = sys.argv[1]
book = openpyxl.load_workbook(f"{folder}/lys.xlsx")
for row, word in zip(book.active.iter_rows(min_row=2, max_row=5), ["grønn", "gul", "grønn", "rød"]):
    row[-1].value = word
book.save(f"{folder}/lys-utfylt.xlsx")
PY
soffice --headless --convert-to pdf --outdir "$work" "$work/lys-utfylt.xlsx" >/dev/null
pdftoppm -png -r 170 -f 1 -l 1 -x 118 -y 170 -W 1722 -H 356 "$work/lys-utfylt.pdf" "$work/crop"
cp "$work/crop-1.png" docs/assets/lights-sheet.png
echo docs/assets/lights-sheet.png
