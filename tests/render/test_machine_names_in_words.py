"""Every machine name a view shows people (a verdict, a kind of figure) has its words in
views/phrases.py, so a status added to core cannot reach a report as a KeyError."""

from __future__ import annotations

from tracker.core.judging import Status
from tracker.core.model import FigureStatus
from tracker.render.views.phrases import FIGURE_WORDS, RELATION_WORDS, STATUS_WORDS, figure_word, status_word


def test_every_verdict_and_kind_of_figure_has_words_in_both_languages() -> None:
    """Each Status and FigureStatus is named in its table and worded differently in vi and en."""
    assert set(STATUS_WORDS) == {status.value for status in Status}
    assert set(FIGURE_WORDS) == {kind.value for kind in FigureStatus}
    for status in Status:
        assert status_word(status, "vi") != status_word(status, "en")
    for kind in FigureStatus:
        assert figure_word(kind, "vi") != figure_word(kind, "en")


def test_final_verdicts_have_a_relation_to_the_plan() -> None:
    """The verdicts a final figure can get say how it stands against the plan."""
    assert set(RELATION_WORDS) == {Status.EXCEEDED, Status.MET, Status.BASICALLY_MET, Status.NOT_MET}
