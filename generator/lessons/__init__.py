"""Lessons that get closed: the 整改台账, the same problem recognised across reviews, working days.

ledger.py      every action of every visible review and whether it is overdue on a given day
export.py      the ledger as .xlsx (openpyxl) or .csv for Excel and WPS
recurrence.py  the same problem in different reviews (simplified and traditional alike)
terms.py       normalised text, key terms and word families the comparisons use
workdays.py    the official working-day calendar (holidays and 调休) from chinese-calendar
command.py     `handbook actions`
"""
