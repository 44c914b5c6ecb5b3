"""The ledger as a sheet for the person who chases the actions: .xlsx (openpyxl) or .csv.

Both open cleanly in Excel and WPS: Chinese headers; the CSV is UTF-8 with a byte-order mark (without
it, Excel on a Chinese Windows reads UTF-8 as GBK and shows mojibake) and CRLF line ends; the .xlsx
has real date cells, columns wide enough for their text, a bold frozen header row and a filter.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from datetime import date

from generator.lessons.ledger import LedgerEntry

HEADERS = ("状态", "逾期天数", "整改事项", "责任人", "期限", "出处总结", "总结日期", "总结编号")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
MAX_WIDTH = 60  # characters; longer text wraps inside its cell
SHEET_TITLE = "整改台账"


def _row(entry: LedgerEntry) -> list[object]:
    action = entry.action
    return [
        entry.status,
        entry.days_overdue or None,
        action.what,
        action.owner or "",
        action.due,
        entry.review.title,
        entry.review.date,
        entry.item.id,
    ]


def to_csv(entries: Sequence[LedgerEntry]) -> bytes:
    """The ledger as CSV: UTF-8 with BOM, dates as 2025-06-30, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for entry in entries:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in _row(entry)])
    return buffer.getvalue().encode("utf-8-sig")


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a Chinese character is two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def to_xlsx(entries: Sequence[LedgerEntry], today: date) -> bytes:
    """The ledger as an .xlsx workbook with one sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    for entry in entries:
        sheet.append(_row(entry))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    red = Font(color="C00000", bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        if row[0].value == "逾期":
            row[0].font = red
            row[1].font = red
    for column, header in enumerate(HEADERS, start=1):
        texts = [header] + [_cell_text(sheet.cell(row, column).value) for row in range(2, sheet.max_row + 1)]
        sheet.column_dimensions[get_column_letter(column)].width = min(max(map(display_width, texts)) + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.title = f"整改台账（{today.isoformat()}）"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)
