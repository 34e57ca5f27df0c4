"""The lexicons load, validate, and say where a mistake is."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.facts.lexicon import LANGUAGES, Lexicon, LexiconError, lexicon


def _lexicon(tmp_path: Path, **files: str) -> Lexicon:
    folder = tmp_path / f"xx{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.tsv").write_text(text, encoding="utf-8")
    return Lexicon("xx", folder)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_lexicon_loads(language):
    lex = lexicon(language)
    assert lex.tables, f"no lists for {language}"
    for table in lex.tables.values():
        assert table.rows, f"{language}/{table.name}.tsv is empty"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pattern_example_matches(language):
    """A row with an `example` column shows a sentence its pattern must find."""
    lex = lexicon(language)
    for table in lex.tables.values():
        names = {c.name for c in table.columns}
        if "example" not in names:
            continue
        column = next(c.name for c in table.columns if c.kind == "regex")
        for row in table.rows:
            if row["example"]:
                assert lex.pattern(row.key, table.name, column).search(row["example"]), \
                    f"{language}/{table.name}.tsv:{row.line}: '{row.key}' does not match its example"


def test_words_filter_by_column(tmp_path):
    lex = _lexicon(tmp_path, speech="# verbs\nlemma\tframe:report|deny\nsay\treport\ndeny\tdeny\n")
    assert lex.words("speech") == {"say", "deny"}
    assert lex.words("speech", frame="deny") == {"deny"}
    assert lex.mapping("speech", "frame") == {"say": "report", "deny": "deny"}


def test_a_value_outside_the_header_names_file_and_line(tmp_path):
    with pytest.raises(LexiconError, match=r"speech\.tsv:4: 'reprot' is not a frame"):
        _lexicon(tmp_path, speech="# verbs\nlemma\tframe:report|deny\nsay\treport\nclaim\treprot\n")


def test_a_duplicate_key_names_both_lines(tmp_path):
    with pytest.raises(LexiconError, match=r"months\.tsv:3: 'may' is already on line 2"):
        _lexicon(tmp_path, months="word\tnumber:int\nmay\t5\nmay\t5\n")


def test_a_bad_number_and_an_empty_required_field_are_errors(tmp_path):
    with pytest.raises(LexiconError, match=r"months\.tsv:2: number 'five' is not a number"):
        _lexicon(tmp_path, months="word\tnumber:int\nmay\tfive\n")
    with pytest.raises(LexiconError, match=r"months\.tsv:2: column 'number' is empty"):
        _lexicon(tmp_path, months="word\tnumber:int\nmay\n")


def test_patterns_name_lists_and_fail_clearly(tmp_path):
    lex = _lexicon(tmp_path, months="word\nmay\nseptember\n",
                   patterns="name\tpattern:regex\tflags?\nmonth_day\t\\b%months\\s+\\d{1,2}\\b\ti\n")
    assert lex.pattern("month_day").search("on September 3, they met")
    assert lex.pattern("month_day").search("in May 2026") is None
    with pytest.raises(LexiconError, match=r"patterns\.tsv:2: the pattern names a list '%weekdays'"):
        _lexicon(tmp_path, patterns="name\tpattern:regex\nday\t%weekdays\n")
    with pytest.raises(LexiconError, match=r"patterns\.tsv:2: the pattern does not compile"):
        _lexicon(tmp_path, patterns="name\tpattern:regex\nbad\t(unclosed\n")


def test_two_regex_columns_of_one_row_stay_apart(tmp_path):
    lex = _lexicon(tmp_path, currencies="name\tpattern:regex\tafter:regex?\nwon\twon\\b\t\\bbillion\\s+$\n")
    assert lex.pattern("won", "currencies").pattern == "won\\b"
    assert lex.pattern("won", "currencies", "after").pattern == "\\bbillion\\s+$"


def test_a_language_without_a_lexicon_reads_with_the_english_one():
    assert lexicon("pt") is lexicon("en")
