"""``extractor resolve-dates``: JSONL in, the same objects with a resolution out."""

from __future__ import annotations

import json

from click.testing import CliRunner

from extractor.cli import cli


def _run(lines: list[str]) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(cli, ["resolve-dates"], input="\n".join(lines) + "\n")
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_resolves_each_line_in_order() -> None:
    lines = [
        '{"text": "On Thursday", "published_at": "2017-02-16", "id": 7}',
        '{"text": "on Friday", "published_at": "2018-06-07", "context": '
        '"Dunford is scheduled to meet Gerasimov in Helsinki on Friday.", "tense": null}',
        '{"text": "Back in February", "published_at": null}',
    ]
    code, out, err = _run(lines)
    assert (code, err) == (0, "")
    assert out == [
        '{"text": "On Thursday", "published_at": "2017-02-16", "id": 7, "resolution": '
        '{"value": "2017-02-16", "values": [], "start": "2017-02-16", "end": "2017-02-16", '
        '"granularity": "day", "anchor": "2017-02-16", "status": "resolved", "reason": '
        '"thursday: direction undecided (no cue in the sentence); the latest one up to the '
        'publication day, as news reports a weekday without a cue"}}',
        '{"text": "on Friday", "published_at": "2018-06-07", "context": "Dunford is scheduled '
        'to meet Gerasimov in Helsinki on Friday.", "tense": null, "resolution": {"value": '
        '"2018-06-08", "values": [], "start": "2018-06-08", "end": "2018-06-08", "granularity": '
        '"day", "anchor": "2018-06-07", "status": "resolved", "reason": "friday: the coming one '
        "(future: the future marker 'scheduled' in its clause)\"}}",
        '{"text": "Back in February", "published_at": null, "resolution": {"value": null, '
        '"values": [], "start": null, "end": null, "granularity": null, "anchor": null, '
        '"status": "unresolved", "reason": "no publication date: a relative expression needs '
        'one (february without a year)"}}',
    ]


def test_bad_lines_get_an_error_object_on_their_line() -> None:
    lines = [
        '{"text": "1997", "published_at": null}',
        "not json",
        "",
        "[1, 2]",
        '{"text": "in April"}',
        '{"text": "in April", "published_at": "2018-13-07"}',
        '{"text": 5, "published_at": null}',
        '{"text": "in April", "published_at": "2018-06-07", "tense": "soon"}',
        '{"text": "in April", "published_at": "2018-06-07", "context": 3}',
        '{"text": "in April", "published_at": "2018-06-07"}',
    ]
    code, out, err = _run(lines)
    assert code == 1
    assert err == "resolve-dates: 7 of 9 lines failed (see 'error')\n"
    assert [json.loads(line).get("error") for line in out] == [
        None,
        "line 2: not valid JSON (Expecting value): write one object per line",
        "line 4: not a JSON object: write one object per line",
        "line 5: no 'published_at': give YYYY-MM-DD, or null if there is none",
        "line 6: 'published_at' '2018-13-07' is not YYYY-MM-DD",
        "line 7: no 'text': give the date expression as a string",
        "line 8: 'tense' 'soon' must be one of past, present, future or null",
        "line 9: 'context' must be a string or null",
        None,
    ]
    assert json.loads(out[0])["resolution"]["value"] == "1997"
    assert json.loads(out[4]) == {
        "text": "in April",
        "published_at": "2018-13-07",
        "error": "line 6: 'published_at' '2018-13-07' is not YYYY-MM-DD",
    }
    assert json.loads(out[-1])["resolution"]["value"] == "2018-04"


def test_empty_input_writes_nothing() -> None:
    result = CliRunner().invoke(cli, ["resolve-dates"], input="")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_help_names_the_fields() -> None:
    result = CliRunner().invoke(cli, ["resolve-dates", "--help"])
    assert result.exit_code == 0
    for field in ('"text"', '"published_at"', '"context"', '"tense"', '"resolution"', '"error"'):
        assert field in result.stdout


def test_the_text_before_the_sentence_anchors_what_it_names() -> None:
    # As held-out sets are fed: the expression, its sentence, the text before it, the date.
    line = json.dumps(
        {
            "text": "that night",
            "published_at": "2017-02-16",
            "context": "Crews worked through that night.",
            "preceding": "A storm hit the coast on Monday.\nRoads were shut.",
        }
    )
    code, out, err = _run([line])
    assert (code, err) == (0, "")
    resolution = json.loads(out[0])["resolution"]
    assert resolution["value"] == "2017-02-13TNI"
    assert "2017-02-13" in resolution["reason"]
