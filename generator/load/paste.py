"""Clean text pasted from Word or a web page before it is saved as a record.

Word and browsers carry characters a clerk cannot see: zero-width spaces and joiners, byte-order
marks in the middle of a line, and non-breaking or full-width spaces used as indentation. YAML
reads the latter as text, so a pasted list turns into one odd line. The browser editor passes every
text it saves through this function.
"""

from __future__ import annotations

import re

# Invisible characters that never belong in a record: zero-width space, non-joiner, joiner,
# word joiner, and the byte-order mark (U+FEFF) when it appears inside the text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Spaces that look like ordinary ones: no-break (U+00A0, U+202F), ideographic (U+3000).
_ODD_SPACES = "\u00a0\u202f\u3000"
_LEADING_ODD_SPACES = re.compile(f"^[ {_ODD_SPACES}]+", re.MULTILINE)


def clean_pasted_text(text: str) -> str:
    """Drop invisible characters; turn odd spaces used as indentation into ordinary spaces.

    Non-breaking spaces inside a line are also made ordinary; a full-width space between words is
    kept, since Chinese text uses it on purpose (for example between a name's two characters).
    """
    text = _INVISIBLE.sub("", text)
    text = _LEADING_ODD_SPACES.sub(lambda match: " " * len(match.group()), text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")
