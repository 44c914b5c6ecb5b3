"""Writing records without hand-written YAML: `handbook init`, `handbook new`, and the preview's editor.

fields.py reads each kind's fields from the model; skeleton.py and scaffold.py start folders and
records from them; form.py, yamledit.py, candidate.py and editor.py make the browser editor.
"""
