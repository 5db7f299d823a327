#!/usr/bin/env python3
"""Makes the import fixtures from the seed's table (../shared/seeds/, section 三): the same
table as Markdown, CSV (UTF-8 with BOM, GB18030), .xlsx and .docx, and the hostile files.
Needs PyPI's openpyxl and python-docx. Run from this folder:
    pip install --break-system-packages openpyxl python-docx
    python3 make_fixtures.py /path/to/shared/seeds/000_19863667a1ca6592.txt
The generated files are committed; the tests never run this script."""
import csv, io, sys, zipfile

import docx
import openpyxl
from openpyxl.styles import Alignment

seed = open(sys.argv[1], encoding="utf-8").read()
lines = [l.strip() for l in seed.splitlines() if l.strip()]
start = lines.index("流程步骤编号")
header = lines[start:start + 8]
body = lines[start + 8:start + 8 + 6 * 8]
rows = [body[i:i + 8] for i in range(0, len(body), 8)]
assert len(rows) == 6 and rows[-1][0] == "6", rows
title = "业务流程梳理工作单步骤及职责划分模板"
intro = [
    ("heading", "一、适用工作场景"),
    ("p", "流程优化项目:针对现有业务流程中存在的效率低下、职责不清等问题,进行系统性梳理与改进;"),
    ("p", "跨部门协作优化:解决跨部门流程中存在的推诿、衔接不畅等问题,明确各部门权责边界。"),
    ("heading", "三、流程步骤与职责划分表(模板)"),
]
outro = [("heading", "四、使用要点提示"), ("p", "明确梳理边界,保证职责无重叠、无遗漏。")]

# Markdown
with open("seed.md", "w", encoding="utf-8") as f:
    f.write(f"# {title}\n\n")
    for kind, text in intro:
        f.write(("## " if kind == "heading" else "") + text + "\n\n")
    f.write("| " + " | ".join(header) + " |\n")
    f.write("|" + "---|" * len(header) + "\n")
    for row in rows:
        f.write("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |\n")
    f.write("\n")
    for kind, text in outro:
        f.write(("## " if kind == "heading" else "") + text + "\n\n")

# CSV: UTF-8 with a byte order mark (as Excel writes "CSV UTF-8"), and GB18030 (Excel's "CSV"
# on a Chinese Windows).
buffer = io.StringIO()
csv.writer(buffer, lineterminator="\r\n").writerows([header] + rows)
open("seed-utf8.csv", "wb").write(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
open("seed-gb18030.csv", "wb").write(buffer.getvalue().encode("gb18030"))
buffer = io.StringIO()
csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows([header] + rows)
open("seed.tsv", "w", encoding="utf-8").write(buffer.getvalue())

# .xlsx: a title row merged across the table, the header, the rows (step numbers as numbers).
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "职责划分表"
sheet.append(["客户投诉处理流程"])
sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
sheet.append(header)
for row in rows:
    sheet.append([int(row[0])] + row[1:])
book.save("seed.xlsx")

# .docx: title, headings and paragraphs around the table, as the seed has them.
document = docx.Document()
document.add_heading(title, level=0)
for kind, text in intro:
    document.add_heading(text, level=1) if kind == "heading" else document.add_paragraph(text)
table = document.add_table(rows=1, cols=8)
for cell, text in zip(table.rows[0].cells, header):
    cell.text = text
for row in rows:
    for cell, text in zip(table.add_row().cells, row):
        cell.text = text
for kind, text in outro:
    document.add_heading(text, level=1) if kind == "heading" else document.add_paragraph(text)
document.save("seed.docx")

# The seed's section 二 as a Word table, after a small table that is no responsibility table:
# composite and unknown parties at their places (`table 2, row 3, column 4`).
document = docx.Document()
document.add_heading("业务流程梳理项目", level=1)
document.add_paragraph("文档信息")
info = document.add_table(rows=2, cols=2)
for cell, text in zip(info.rows[0].cells + info.rows[1].cells, ["版本", "1.0", "日期", "2026-01-01"]):
    cell.text = text
document.add_heading("二、操作流程详解", level=2)
mapping = document.add_table(rows=1, cols=5)
for cell, text in zip(mapping.rows[0].cells, ["步骤编号", "步骤名称", "操作内容", "责任主体", "输出成果"]):
    cell.text = text
for number, name, duty, party, output in [
    ("1", "启动与目标确认", "明确梳理范围和目标，成立专项梳理小组", "项目负责人(部门经理)", "《项目启动报告》"),
    ("2", "流程现状调研", "访谈关键岗位人员，收集流程执行数据，记录痛点问题", "流程分析师+业务骨干", "《现状调研记录表》"),
    ("3", "流程绘制与节点拆解", "绘制流程图，拆解关键步骤", "流程分析师(牵头)、业务部门负责人(审核)", "《业务流程图》《流程步骤清单》"),
    ("4", "职责划分与确认", "明确每个步骤的责任部门/岗位、主要职责、协同部门", "项目负责人(统筹)、各部门负责人", "《职责划分表》"),
    ("5", "评审与优化", "组织评审，修改完善", "客服部门", "《评审会议纪要》(含修改意见)、《优化后流程文件》"),
    ("6", "发布与执行跟踪", "发布流程文件，组织培训，跟踪运行效果", "人力资源部", "《流程培训记录》《执行反馈表》"),
]:
    for cell, text in zip(mapping.add_row().cells, [number, name, duty, party, output]):
        cell.text = text
document.add_paragraph("评审通过后发布。")
document.save("mapping.docx")

# Hostile and awkward files.
# A spreadsheet with merged cells: the responsible party written once for steps 1 and 2,
# an empty row, a column without a header, and the step numbers as numbers.
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Sheet1"
sheet.append(["编号", "步骤名称", "责任部门/岗位", "主要职责", "完成时限", "审批人", None])
sheet.append([1, "客户投诉接收", "客服部(客服专员)", "记录投诉详情", "15分钟内", "张三", None])
sheet.append([2, "投诉分类与初步判断", None, "分类", "30分钟内", None, "无表头的值"])
sheet.append([None] * 7)
sheet.append([3, "问题处理与反馈", "品保部/品保工程师", "调查问题原因", 48, None, None])
sheet.merge_cells("C2:C3")
book.save("merged.xlsx")

# A table whose header row is missing.
with open("no-header.csv", "w", encoding="utf-8") as f:
    f.write("1,客户投诉接收,客服部(客服专员),记录投诉详情\n2,投诉转办,客服部(客服专员),转办\n")

# Not a zip at all.
open("not-a-zip.xlsx", "wb").write(b"This is not a spreadsheet.\n" * 20)

# A zip bomb: a sheet that inflates to 60 MB of spaces (over the 50 MB cap for one part).
with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet>' + " " * (60 << 20) + "</worksheet>")

# A Word document whose body declares an external entity naming a file of this machine.
source = zipfile.ZipFile("seed.docx")
with zipfile.ZipFile("xxe.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename == "word/document.xml":
            text = data.decode("utf-8")
            head, rest = text.split("?>", 1)
            text = head + '?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/hostname">]>' + rest
            text = text.replace("客户投诉接收", "&secret;", 1)
            data = text.encode("utf-8")
        z.writestr(item, data)

# A sheet with a cell out at GR199999, and one whose merge covers 200 columns × 199,998 rows:
# the first imports (two rows, not 200,000), the second is refused (merges fill at most 2,000,000 cells).
def raw_sheet(name, merge):
    header = "".join(f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>' for c, t in zip("ABCD", ["编号", "步骤名称", "责任部门/岗位", "主要职责"]))
    row = "".join(f'<c r="{c}2" t="inlineStr"><is><t>{t}</t></is></c>' for c, t in zip("ABCD", ["1", "接收", "客服部(客服专员)", "记录"]))
    far = '<row r="199999"><c r="GR199999" t="inlineStr"><is><t>远处</t></is></c></row>'
    merges = '<mergeCells count="1"><mergeCell ref="A2:GR199999"/></mergeCells>' if merge else ""
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{header}</row><row r="2">{row}</row>{far}</sheetData>{merges}</worksheet>')

raw_sheet("far-cell.xlsx", merge=False)
raw_sheet("huge-merge.xlsx", merge=True)
