from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.contract.article import RawArticle
from extractor.contract.ids import safe_id
from extractor.errors import ConfigError
from extractor.io.inputs import InputProblem, load_inputs
from extractor.io.inputs.decode import looks_binary

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "inputs"

LATIN = (
    "Le café de la gare a rouvert jeudi à Besançon, après des mois de travaux. "
    "« C'était nécessaire », a déclaré le maire, qui a salué l'été prochain."
)


def _articles(items: list[RawArticle | InputProblem]) -> dict[str, RawArticle]:
    return {i.id: i for i in items if isinstance(i, RawArticle)}


def _problems(items: list[RawArticle | InputProblem]) -> dict[str, InputProblem]:
    return {i.id: i for i in items if isinstance(i, InputProblem)}


def _one(items: list[RawArticle | InputProblem]) -> RawArticle:
    assert len(items) == 1
    assert isinstance(items[0], RawArticle), items[0]
    return items[0]


def _problem(items: list[RawArticle | InputProblem]) -> InputProblem:
    assert len(items) == 1
    assert isinstance(items[0], InputProblem), items[0]
    return items[0]


# --- text files ------------------------------------------------------------------------------


def test_seeds_folder() -> None:
    items = load_inputs([SEEDS])
    paths = sorted(SEEDS.glob("*.txt"))
    assert [i.id for i in items] == [p.stem for p in paths]
    for item, path in zip(items, paths, strict=True):
        assert isinstance(item, RawArticle)
        data = path.read_bytes()
        assert item.text == data.decode("utf-8")
        assert item.input_sha256 == hashlib.sha256(data).hexdigest()
        assert item.path == str(SEEDS / path.name)
        assert (item.published_at, item.published_evidence, item.title) == (None, None, None)
        assert item.encoding == "utf-8"
        assert item.raw_id == path.stem


def test_a_file_given_twice_is_read_once() -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    items = load_inputs([seed, SEEDS, seed])
    assert len(items) == 5
    assert all(isinstance(i, RawArticle) for i in items)


def test_folders_are_walked_recursively_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "b" / "deep.TXT").write_text("Deep article.", encoding="utf-8")
    (tmp_path / "top.txt").write_text("Top article.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("Git.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not an input.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    items = load_inputs([tmp_path])
    assert [(i.id, i.text) for i in _articles(items).values()] == [
        ("deep", "Deep article."),
        ("top", "Top article."),
    ]
    assert len(items) == 2


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope: no such file or folder; check the input path"):
        load_inputs([tmp_path / "nope"])


def test_a_file_of_another_type_given_explicitly_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    problem = _problem(load_inputs([path]))
    assert problem.id == "report"
    assert problem.message == (
        f"{path}: unsupported file type '.pdf'; give .txt, .html, .json or .jsonl files"
    )


def test_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title\r\n\r\nBody.\rMore.")
    assert _one(load_inputs([path])).text == "Title\n\nBody.\nMore."


# --- encodings and bad bytes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (LATIN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + LATIN.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + LATIN.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + LATIN.encode("utf-16-be"), "utf-16-be"),
        (LATIN.encode("latin-1"), None),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str | None) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    article = _one(load_inputs([path]))
    assert article.text == LATIN
    assert article.input_sha256 == hashlib.sha256(data).hexdigest()
    if encoding is not None:
        assert article.encoding == encoding
    else:
        assert article.encoding is not None
        assert article.encoding != "utf-8"


def test_windows_1252_quotes(tmp_path: Path) -> None:
    text = (
        "\u201cWe will not give up,\u201d the minister said on Friday \u2013 "
        "and the crowd\u2019s reply was loud. " * 3
    )
    path = tmp_path / "quotes.txt"
    path.write_bytes(text.encode("cp1252"))
    assert _one(load_inputs([path])).text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty; remove it or give it the article's text"),
        (b" \n\t\n ", "has no text (only whitespace); remove it or fill it"),
        (b"\xef\xbb\xbf\n", "has no text (only whitespace); remove it or fill it"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            "looks binary (it has NUL bytes); give a text file",
        ),
        (bytes(range(1, 32)) * 20, "looks binary (many control characters); give a text file"),
    ],
)
def test_bad_files_are_problems(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    problem = _problem(load_inputs([path]))
    assert (problem.id, problem.path) == ("bad", str(path))
    assert problem.message == f"{path}: {message}"


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    problem = _problem(load_inputs([path], max_bytes=100))
    assert problem.message == (
        f"{path}: is larger than the input size limit of 100 bytes; "
        "raise the limit (--max-input-bytes) or split the file"
    )
    assert _one(load_inputs([path], max_bytes=101)).text == "x" * 101


def test_a_size_limit_below_one_byte_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="at least 1 byte"):
        load_inputs([SEEDS], max_bytes=0)


def test_bad_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "big.txt").write_bytes(b"y" * 2000)
    (tmp_path / "good.txt").write_text("A good article.", encoding="utf-8")
    items = load_inputs([tmp_path], max_bytes=1000)
    assert [i.id for i in items] == ["big", "empty", "good", "image"]
    assert list(_articles(items)) == ["good"]


# --- HTML ------------------------------------------------------------------------------------


def test_html_article_and_meta_date() -> None:
    article = _one(load_inputs([DATA / "article.html"]))
    assert article.id == "article"
    assert article.title == "Council approves new bridge over the Avon"
    assert article.url == "https://gazette.example/news/council-approves-new-bridge"
    assert article.source == "Riverside Gazette"
    assert article.published_at == dt.date(2021, 4, 13)  # published, not modified
    assert article.published_evidence == "html meta article:published_time"
    lines = article.text.split("\n")
    assert lines[0] == "Council approves new bridge over the Avon"
    assert "“We will look at every option,” said campaigner Alex Doe." in lines[-1]
    for junk in ["Home", "Sport", "Privacy", "© 2021", "newsletter"]:
        assert junk not in article.text


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


PARAGRAPHS = (
    "<h1>Storm closes the harbour</h1>"
    "<p>The harbour was closed on Monday as a storm brought winds of more than 100 km/h to the "
    "coast, the port authority said in a statement.</p>"
    "<p>Ferries to the islands were cancelled and will resume on Wednesday at the earliest, "
    "officials said, adding that no one had been hurt.</p>"
)


@pytest.mark.parametrize(
    ("head", "evidence"),
    [
        ('<meta name="pubdate" content="20190305">', None),
        ('<meta name="publish-date" content="2019-03-05">', "html meta publish-date"),
        ('<meta itemprop="datePublished" content="2019-03-05">', "html meta datepublished"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
            '[{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": '
            '"2019-03-05T08:00:00Z", "dateModified": "2019-03-09"}]}</script>',
            "html JSON-LD datePublished",
        ),
    ],
)
def test_html_metadata_dates(tmp_path: Path, head: str, evidence: str | None) -> None:
    path = tmp_path / "storm.html"
    path.write_text(_page(head, PARAGRAPHS), encoding="utf-8")
    article = _one(load_inputs([path]))
    assert article.published_evidence == evidence
    assert article.published_at == (None if evidence is None else dt.date(2019, 3, 5))


def test_html_microdata_date(tmp_path: Path) -> None:
    body = '<time itemprop="datePublished" datetime="2019-03-05T10:00">5 March</time>' + PARAGRAPHS
    path = tmp_path / "storm.html"
    path.write_text(_page("", body), encoding="utf-8")
    article = _one(load_inputs([path]))
    assert (article.published_at, article.published_evidence) == (
        dt.date(2019, 3, 5),
        "html microdata datePublished",
    )


def test_html_dates_in_text_or_url_are_not_metadata(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="https://x.example/2019/03/05/storm">'
    body = "<p>March 5, 2019</p>" + PARAGRAPHS
    path = tmp_path / "storm.html"
    path.write_text(_page(head, body), encoding="utf-8")
    article = _one(load_inputs([path]))
    assert (article.published_at, article.published_evidence) == (None, None)
    assert article.url == "https://x.example/2019/03/05/storm"


def test_html_latin1_with_xml_declaration(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + _page(
        '<meta charset="iso-8859-1">', f"<h1>Café</h1><p>{LATIN}</p><p>{LATIN}</p>"
    )
    path = tmp_path / "cafe.html"
    path.write_bytes(page.encode("latin-1"))
    article = _one(load_inputs([path]))
    assert LATIN in article.text


def test_html_without_article_text_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", "utf-8")
    problem = _problem(load_inputs([path]))
    assert problem.message == (f"{path}: has no article text that could be extracted from the HTML")


# --- JSON records ----------------------------------------------------------------------------


def _jsonl(path: Path, rows: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_records(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "batch.jsonl",
        [
            {"id": "b", "text": "Second.", "title": "T", "url": "https://u", "source": "S"},
            {"id": 7, "text": "Seventh.", "published_at": "2018-06-07T10:00:00Z"},
            {"id": "a", "html": _page("", PARAGRAPHS)},
        ],
    )
    items = load_inputs([path])
    assert [i.id for i in items] == ["7", "a", "b"]
    articles = _articles(items)
    b = articles["b"]
    assert (b.text, b.title, b.url, b.source, b.path) == (
        "Second.",
        "T",
        "https://u",
        "S",
        f"{path}#1",
    )
    seven = articles["7"]
    assert (seven.published_at, seven.published_evidence) == (
        dt.date(2018, 6, 7),
        "record field published_at",
    )
    assert seven.path == f"{path}#2"
    a = articles["a"]
    assert a.text.startswith("Storm closes the harbour\n")
    assert a.title == "Storm closes the harbour"


def test_record_hash_is_of_its_canonical_json(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_text('{"id": "x", "text": "Body.", "title": "T"}\n', encoding="utf-8")
    two = tmp_path / "two.json"
    two.write_text('{\n  "title": "T",\n  "text": "Body.",\n  "id": "x"\n}', encoding="utf-8")
    first, second = _one(load_inputs([one])), _one(load_inputs([two]))
    assert first.input_sha256 == second.input_sha256
    canonical = json.dumps({"id": "x", "text": "Body.", "title": "T"}, separators=(",", ":"))
    assert first.input_sha256 == hashlib.sha256(canonical.encode()).hexdigest()
    changed = tmp_path / "three.jsonl"
    changed.write_text('{"id": "x", "text": "Body!", "title": "T"}\n', encoding="utf-8")
    assert _one(load_inputs([changed])).input_sha256 != first.input_sha256


def test_json_file_with_a_list(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "p", "text": "P."}, {"id": "q", "text": "Q."}]), "utf-8")
    items = load_inputs([path])
    assert [(i.id, i.path) for i in items] == [("p", f"{path}#1"), ("q", f"{path}#2")]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "is not a JSON object; give one object per record"),
        ('{"text": "No id."}', 'has no "id"; give every record a non-empty string id'),
        ('{"id": " ", "text": "Blank id."}', 'has no "id"'),
        ('{"id": true, "text": "Bool id."}', 'has no "id"'),
        ('{"id": "r"}', """(id 'r'): has no "text" or "html"; give the article's text"""),
        ('{"id": "r", "text": "  "}', """(id 'r'): has no "text" or "html\""""),
        ('{"id": "r", "text": "T.", "title": 5}', "(id 'r'): has a 'title' that is not a string"),
        (
            '{"id": "r", "text": "T.", "published_at": "last Tuesday"}',
            "(id 'r'): has published_at 'last Tuesday', which is not a date; use YYYY-MM-DD",
        ),
        ('{"id": "r", "html": "<html><body></body></html>"}', "(id 'r'): has no article text"),
    ],
)
def test_bad_records_are_problems(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "recs.jsonl"
    path.write_text(f'{{"id": "ok", "text": "Fine."}}\n\n{line}\n', encoding="utf-8")
    items = load_inputs([path])
    assert list(_articles(items)) == ["ok"]
    (problem,) = _problems(items).values()
    assert problem.path == f"{path}#3"
    assert problem.message.startswith(f"{path}#3 ")
    assert message in problem.message


def test_an_oversized_jsonl_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    rows = [{"id": "a", "text": "A."}, {"id": "big", "text": "x" * 500}, {"id": "c", "text": "C."}]
    _jsonl(path, rows)
    items = load_inputs([path], max_bytes=200)
    assert list(_articles(items)) == ["a", "c"]
    (problem,) = _problems(items).values()
    assert problem.path == f"{path}#2"
    assert (
        "is longer than 200 bytes; raise the input size limit (--max-input-bytes)"
        in problem.message
    )


def test_lone_surrogates_in_records_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    path.write_text('{"id": "s", "text": "Bad \\ud800 char.", "title": "T\\udc00"}\n', "utf-8")
    article = _one(load_inputs([path]))
    assert (article.text, article.title) == ("Bad \ufffd char.", "T\ufffd")
    article.text.encode("utf-8")


def test_a_binary_record_text_is_a_problem(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "recs.jsonl", [{"id": "b", "text": "\x01\x02\x03\x04" * 10}])
    problem = _problem(load_inputs([path]))
    assert problem.message.endswith(
        "(id 'b'): has a text that looks binary; give the article's text"
    )


def test_a_binary_jsonl_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n\x00\x01\n" * 50)
    problem = _problem(load_inputs([path]))
    assert problem.message == f"{path}: looks binary (it has NUL bytes); give JSON lines"


def test_a_json_file_with_one_object_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"id": "solo", "text": "Alone."}', encoding="utf-8")
    article = _one(load_inputs([path]))
    assert (article.id, article.path, article.text) == ("solo", str(path), "Alone.")


@pytest.mark.parametrize("content", ["[]", "{oops", "42"])
def test_bad_json_files_are_problems(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    problem = _problem(load_inputs([path]))
    assert problem.id == "bad"
    assert problem.message.startswith(f"{path}: ")
    assert "holds no records" in problem.message or "is not valid JSON" in problem.message


def test_an_empty_jsonl_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    problem = _problem(load_inputs([path]))
    assert problem.message == f"{path}: holds no records; give one JSON object per line"


# --- unsafe and duplicate ids ----------------------------------------------------------------


@pytest.mark.parametrize("raw", ["../../etc/x", "/etc/passwd", "..", ".bashrc", "a/../../b"])
def test_unsafe_record_ids_stay_inside_the_output_folder(tmp_path: Path, raw: str) -> None:
    path = _jsonl(tmp_path / "recs.jsonl", [{"id": raw, "text": "Body."}])
    article = _one(load_inputs([path]))
    assert article.id == safe_id(raw)
    assert article.raw_id == raw
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*", article.id)
    out = tmp_path / "out"
    assert (out / f"{article.id}.json").resolve().parent == out.resolve()


def test_unsafe_file_names_are_sanitised(tmp_path: Path) -> None:
    path = tmp_path / "Ünïcode name, with spaces.txt"
    path.write_text("Body.", encoding="utf-8")
    article = _one(load_inputs([path]))
    assert article.id == safe_id("Ünïcode name, with spaces")
    assert article.id.startswith("n_code_name_with_spaces--")


def test_duplicate_ids_are_problems(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "b" / "Other.txt").write_text("Three.", encoding="utf-8")
    _jsonl(tmp_path / "recs.jsonl", [{"id": "other", "text": "Four."}, {"id": "u", "text": "U"}])
    items = load_inputs([tmp_path])
    assert list(_articles(items)) == ["u"]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [p.id for p in problems] == ["Other", "other", "same", "same"]
    assert problems[2].message == (
        f"{tmp_path / 'a' / 'same.txt'}: the id 'same' is used by 2 inputs "
        f"({tmp_path / 'a' / 'same.txt'}, {tmp_path / 'b' / 'same.txt'}); ids must be unique "
        "ignoring case, so rename the file or change the record's id"
    )


# --- manifest --------------------------------------------------------------------------------


def test_meantime_with_its_manifest(meantime_dir: Path) -> None:
    # MEANTIME (Wikinews, CC BY 4.0): see its LICENSE.txt.
    manifest = meantime_dir / "manifest.jsonl"
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    items = load_inputs([meantime_dir / "articles"], manifest=manifest)
    articles = _articles(items)
    assert len(items) == len(articles) == len(rows) == 120
    assert [i.id for i in items] == sorted(i.id for i in items)
    for number, row in enumerate(rows, start=1):
        article = articles[safe_id(row["id"])]
        assert article.raw_id == row["id"]
        assert article.published_at == dt.date.fromisoformat(row["published_at"])
        assert article.published_evidence == f"manifest.jsonl line {number}: published_at"
        assert (article.title, article.url) == (row["title"], row["url"])


def test_csv_manifest_by_path_and_by_id(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "docs" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "docs" / "three.txt").write_text("Three.", encoding="utf-8")
    manifest = tmp_path / "meta" / "manifest.csv"
    manifest.parent.mkdir()
    manifest.write_text(
        "id,path,title,url,published_at,source\n"
        ",../docs/one.txt,First,https://x/1,2020-01-02,Wire\n"
        "two,,Second,,,\n",
        encoding="utf-8",
    )
    articles = _articles(load_inputs([tmp_path / "docs"], manifest=manifest))
    one, two, three = articles["one"], articles["two"], articles["three"]
    assert (one.title, one.url, one.source, one.published_at) == (
        "First",
        "https://x/1",
        "Wire",
        dt.date(2020, 1, 2),
    )
    assert one.published_evidence == "manifest.csv line 2: published_at"
    assert (two.title, two.published_at, two.published_evidence) == ("Second", None, None)
    assert (three.title, three.published_at) == (None, None)


def test_manifest_overrides_record_and_html_metadata(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "recs.jsonl",
        [{"id": "r", "text": "Body.", "title": "Own", "published_at": "2001-01-01"}],
    )
    manifest = _jsonl(tmp_path / "m.jsonl", [{"id": "r", "published_at": "2002-02-02"}])
    article = _one(load_inputs([path], manifest=manifest))
    assert (article.title, article.published_at) == ("Own", dt.date(2002, 2, 2))
    assert article.published_evidence == "m.jsonl line 1: published_at"
    html = _one(
        load_inputs(
            [DATA / "article.html"],
            manifest=_jsonl(tmp_path / "h.jsonl", [{"id": "article", "title": "Mine"}]),
        )
    )
    assert (html.title, html.published_evidence) == ("Mine", "html meta article:published_time")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a"}\n{oops\n', r"m\.jsonl: line 2 is not valid JSON"),
        ('["a"]\n', r"m\.jsonl: line 1 is not a JSON object"),
        ('{"title": "x"}\n', r"m\.jsonl: line 1 has neither id nor path; add one\."),
    ],
)
def test_malformed_manifests_are_usage_errors(tmp_path: Path, content: str, message: str) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_inputs([SEEDS], manifest=manifest)


def test_a_missing_manifest_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"Cannot read the manifest .*; check --manifest\."):
        load_inputs([SEEDS], manifest=tmp_path / "absent.jsonl")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=400))
def test_binary_looking_text_is_counted_as_by_its_definition(text: str) -> None:
    # the definition, one character at a time: control characters but tab, LF, VT, FF, CR
    controls = sum(1 for c in text if (c < " " and c not in "\t\n\r\f\v") or c == "\x7f")
    assert looks_binary(text) == (controls > max(2, len(text) // 200))


def test_a_text_of_a_few_control_characters_does_not_look_binary() -> None:
    assert not looks_binary("a\x00b\x01c" + "x" * 10)
    assert looks_binary("\x00\x01\x02\x7f" + "x" * 10)
    assert not looks_binary("tab\tline\nform\fvertical\vreturn\r" * 50)
