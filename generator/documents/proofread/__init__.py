"""Proofread a document spec before rendering (零差错): each finding carries `path:line:column`.

The loader has already checked field types and dates; these are the rules of GB/T 9704-2012 (format),
《党政机关公文处理工作条例》 (what each type may say and to whom), GB/T 15834-2011 (punctuation) and
GB/T 15835-2011 (numbers) that a typed model cannot express. One module per family of rules; each rule
is a function (doc, source, problems). Errors stop the render; warnings are printed.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.documents.proofread.attachments import attachment_names, attachment_references
from generator.documents.proofread.consistency import consistency
from generator.documents.proofread.dates import dates
from generator.documents.proofread.numbers import cited_documents, numbers_in_text, own_number
from generator.documents.proofread.punctuation import punctuation
from generator.documents.proofread.source import Source
from generator.documents.proofread.structure import headings, meeting
from generator.documents.proofread.titles import minutes_mark, title
from generator.documents.proofread.upward import (
    recipients_and_signer,
    report_without_request,
    request_asks_once,
)
from generator.errors import Problem, Problems
from generator.model.records import Document

Rule = Callable[[Document, Source, Problems], None]
RULES: tuple[Rule, ...] = (
    own_number, numbers_in_text, cited_documents,
    title, minutes_mark,
    dates,
    attachment_names, attachment_references,
    recipients_and_signer, report_without_request, request_asks_once, meeting,
    punctuation,
    consistency,
    headings,
)


def proofread(doc: Document, source: Source) -> list[Problem]:
    """Return every finding for one spec, errors and warnings, in file order."""
    problems = Problems()
    for rule in RULES:
        rule(doc, source, problems)
    return problems.sorted()


__all__ = ["RULES", "Source", "proofread"]
