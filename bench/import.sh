#!/usr/bin/env bash
# `handbook import` of a 10,000-row responsibility table, as CSV, .xlsx and .docx (goal: ≤ 2 s
# each, README "import"). Makes the files with PyPI's openpyxl and python-docx in
# bench/.import/, then times `handbook import FILE ROOT --dry-run` R times (release build).
# Usage: bench/import.sh [ROWS]      (R=5 runs each by default; BIN= another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000}
R=${R:-5}
BIN=${BIN:-.build/release/handbook}
DIR=bench/.import
mkdir -p "$DIR/root/content/departments"
[ -x "$BIN" ] || swift build -c release --product handbook
python3 -c "import openpyxl, docx" 2>/dev/null || python3 -m pip install --quiet --break-system-packages openpyxl python-docx
cat > "$DIR/root/content/departments/customer-service.md" <<'MD'
---
name: 客服部
roles:
  - {id: cs-agent, name: 客服专员}
---
MD
python3 - "$ROWS" "$DIR" <<'PY'
import csv, sys, docx, openpyxl
rows, out = int(sys.argv[1]), sys.argv[2]
header = ["编号", "步骤名称", "关键动作/输入", "责任部门/岗位", "主要职责", "完成时限", "输出成果", "备注"]
data = [[n, f"第{n}步：核对单据", f"单据{n - 1}" if n > 1 else "申请单", "客服部(客服专员)",
         f"核对第{n}份单据的金额、日期和签字，记录差异并通知申请人", "1个工作日内", f"单据{n}", "注意核对原件"]
        for n in range(1, rows + 1)]
with open(f"{out}/table.csv", "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f).writerows([header] + data)
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("职责划分表")
sheet.append(header)
for row in data: sheet.append(row)
book.save(f"{out}/table.xlsx")
document = docx.Document()
document.add_heading("大表", level=1)
table = document.add_table(rows=1, cols=len(header))
for cell, text in zip(table.rows[0].cells, header): cell.text = text
for row in data[: min(rows, 2000)]:   # python-docx is slow to write large tables: 2,000 rows
    for cell, text in zip(table.add_row().cells, row): cell.text = str(text)
document.save(f"{out}/table.docx")
PY
for file in table.csv table.xlsx table.docx; do
  times=()
  for _ in $(seq "$R"); do
    start=$(date +%s%N)
    "$BIN" import "$DIR/$file" "$DIR/root" --dry-run --id big >/dev/null 2>"$DIR/stderr" || { cat "$DIR/stderr"; exit 1; }
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (R + 1) / 2 ))p")
  steps=$("$BIN" import "$DIR/$file" "$DIR/root" --dry-run --id big 2>/dev/null | grep -c '^  - id:' || true)
  echo "$file: $steps steps, median $median ms (runs: $sorted)"
done
