"""Properties of the diff: diff(a, a) is empty, swapping runs swaps added and removed, and the
order of files and events never matters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.contract.models import ArticleDocument
from extractor.diff import RunDiff, Snapshot, diff_runs, has_changes
from tests.data.review.factory import E, Q, make_document

# Small pools, so that ids repeat with different content and similarity scores tie often.
DESCRIPTIONS = [
    "Mattis met Fallon",
    "Mattis met Fallon in London",
    "Talks ended",
    "Talks ended again",
]
ACTORS = ["James Mattis", "Michael Fallon", "NATO"]
PLACES = [None, "London"]
WHENS = [None, "on Thursday"]

events = st.builds(
    E,
    description=st.sampled_from(DESCRIPTIONS),
    actors=st.lists(st.sampled_from(ACTORS), max_size=2, unique=True),
    place=st.sampled_from(PLACES),
    when=st.sampled_from(WHENS),
    value=st.sampled_from([None, "2017-03-30", "2017-03-23"]),
    quotes=st.lists(
        st.builds(
            Q,
            speaker=st.sampled_from(ACTORS),
            text=st.sampled_from(["Russia is mucking around in elections", "We stand together"]),
        ),
        max_size=2,
    ),
)

# A run: article id -> the events of its document (a small id space, so runs overlap).
runs = st.dictionaries(
    st.sampled_from(["a1", "a2", "a3"]), st.lists(events, max_size=5), max_size=3
)


def _snapshot(run: dict[str, list[E]], label: str = "run") -> Snapshot:
    docs = {a: make_document(a, specs, prompt_sha256="a" * 64) for a, specs in run.items()}
    return Snapshot(label, docs)


def _reordered(snapshot: Snapshot, permutation: list[int]) -> Snapshot:
    """The same documents, in another order, each with its events in another order too."""
    ids = list(snapshot.documents)
    order = [ids[i % len(ids)] for i in permutation if ids] + ids
    docs: dict[str, ArticleDocument] = {}
    for article_id in dict.fromkeys(order):
        doc = snapshot.documents[article_id]
        docs[article_id] = doc.model_copy(update={"events": list(reversed(doc.events))})
    return Snapshot(snapshot.label, docs)


def _pairs(diff: RunDiff) -> set[tuple[str, str, str | None, str | None]]:
    return {
        (a.id, e.kind, e.old.id if e.old else None, e.new.id if e.new else None)
        for a in diff.articles
        for e in a.events
    }


@settings(max_examples=150, deadline=None)
@given(runs)
def test_diff_with_itself_is_empty(run: dict[str, list[E]]) -> None:
    snapshot = _snapshot(run)
    result = diff_runs(snapshot, snapshot)
    assert not has_changes(result)
    assert result.causes == ()
    assert all(a.kind == "unchanged" for a in result.articles)
    assert result.summary().events["unchanged"] == sum(len(v) for v in run.values())


@settings(max_examples=150, deadline=None)
@given(runs, runs)
def test_swapping_runs_swaps_added_and_removed(
    a: dict[str, list[E]], b: dict[str, list[E]]
) -> None:
    old, new = _snapshot(a), _snapshot(b)
    forward, backward = diff_runs(old, new), diff_runs(new, old)
    swap = {"added": "removed", "removed": "added", "changed": "changed", "unchanged": "unchanged"}
    assert {(i, swap[k], n, o) for i, k, o, n in _pairs(forward)} == _pairs(backward)
    kinds = {a.id: a.kind for a in forward.articles}
    assert {i: swap[k] for i, k in kinds.items()} == {a.id: a.kind for a in backward.articles}
    there, back = forward.summary(), backward.summary()
    assert (there.events["added"], there.events["removed"]) == (
        back.events["removed"],
        back.events["added"],
    )
    assert there.events["changed"] == back.events["changed"]


@settings(max_examples=150, deadline=None)
@given(runs, runs, st.lists(st.integers(0, 3), max_size=4), st.lists(st.integers(0, 3), max_size=4))
def test_diff_does_not_depend_on_file_or_event_order(
    a: dict[str, list[E]], b: dict[str, list[E]], p: list[int], q: list[int]
) -> None:
    old, new = _snapshot(a), _snapshot(b)
    assert diff_runs(old, new) == diff_runs(_reordered(old, p), _reordered(new, q))
