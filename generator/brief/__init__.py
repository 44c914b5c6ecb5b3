"""The pre-event briefing pack (事前安排会材料): `handbook brief EVENT.yml`.

command.py  `handbook brief`: render the planned pack and write it atomically
pack.py     load and check the event and the content, then plan (the library entry point)
plan.py     the pack as data: essentials, 三问, guideline checklists, lessons, deadlines, seating, habits
lessons.py  related past reviews, their problems merged when they are the same problem (generator/lessons),
            the most relevant first and the rest counted, open actions
deadlines.py  三个三分之二 and the dated 三看 reminders, moved to working days (generator/lessons/workdays.py)
seating.py  head-table order by rank
render.py, cards.py  the .docx: GB/T 9704 styles from generator.documents, fold-over name cards
"""
