"""The formula escape of exported text, and its undoing on import."""

import pytest

from app.spreadsheets.layouts import FORMULA_STARTS, escape, unescape


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_that_a_spreadsheet_would_run_is_escaped_and_restored(start: str) -> None:
    text = f"{start}cmd|' /C calc'!A0"
    escaped = escape(text)
    assert escaped == "'" + text
    assert unescape(escaped) == text


@pytest.mark.parametrize("text", ["Casa del Migrante", "'quoted'", "1+1", ""])
def test_other_text_is_left_alone(text: str) -> None:
    assert escape(text) == text
    assert unescape(text) == text
