"""Linking events into stories.

1. Blocking: events are compared only when they share a name's surname (or a verbatim quote,
   or a word of their place) and their dates lie within the slack of each other; never all
   pairs. A key shared by more than ``max_block`` events blocks nothing.
2. A pair is one happening when nothing tells them apart (their dates and kinds of action are
   compatible; their places too with ``place_veto``) and the evidence for it reaches the
   threshold: shared names (a full name counts most), the same verbatim quote, the same place
   and day, and how alike their descriptions are (``word_vectors``). An event with no date in
   an article with no publication date lies near the time its article tells otherwise
   (``article_times``).
3. Pairs join their stories strongest first, unless the joined story would span more days
   than a story does, or its kinds of action (or, with ``place_veto``, its places) would
   clash (no chain of events with no place joins two towns). A day written with no year
   ("March 31", in an article with no publication date) counts as a day of the year: it
   keeps apart a pair more than the slack away, and stories more than a story's days away,
   the year round. Yesterday's stories (``prior``) stay whole.
4. A story keeps the id it had; when two join, the one with more events keeps its id; a new
   story's id comes from its first event, so linking the same events again gives the same ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from extractor.stories.facts import Facts
from extractor.stories.names import NameKey
from extractor.stories.rules import DEFAULT_RULES, STEM, Rules
from extractor.text.words import content_words

Key = tuple[str, str]
Interval = tuple[dt.date, dt.date]
# When the undated events of an article with no publication date lie (``article_times``):
# an interval, and days of the year of days written with no year.
Time = tuple[Interval | None, frozenset[int]]


def story_id(key: Key, salt: int = 0) -> str:
    text = f"{key[0]}\x00{key[1]}" + (f"\x00{salt}" if salt else "")
    return "st_" + hashlib.sha256(text.encode()).hexdigest()[:16]


def interval(facts: Facts, rules: Rules, near: Time | None = None) -> Interval | None:
    """When the event happened: its resolved date, else the days before its article, else
    (``near``) the time its article's other events tell (see ``article_times``)."""
    if facts.start is not None and facts.end is not None:
        return facts.start, facts.end
    if facts.published is not None:
        return _week_before(facts.published, rules)
    return near[0] if near and not _dated(facts) else None


def _week_before(day: dt.date, rules: Rules) -> Interval:
    return day - dt.timedelta(days=rules.published_before_days), day


def _dated(facts: Facts) -> bool:
    """Whether the event has a date of its own (resolved, or a day written with no year)."""
    return facts.start is not None or facts.month_day is not None


_LEAP = dt.date(2000, 1, 1)  # a leap year: every day of a month has its day of the year


def _day_of_year(month: int, day: int) -> int | None:
    try:
        return (dt.date(2000, month, day) - _LEAP).days
    except ValueError:
        return None


YearDays = tuple[frozenset[int], frozenset[int]]  # see ``year_days``


def _written(facts: Facts) -> frozenset[int]:
    day = _day_of_year(*facts.month_day) if facts.month_day is not None else None
    return frozenset() if day is None else frozenset({day})


def year_days(facts: Facts, rules: Rules, near: Time | None = None) -> YearDays:
    """The days of the year of a day written with no year ("March 31"), and those of the
    days the event is known to lie in: its resolved date when it is a few days, else the days
    before its article (``interval``). Either is empty when unknown. ``near``: as for
    ``interval``."""
    written = _written(facts)
    if near and not written and not _dated(facts) and facts.published is None:
        written = near[1]
    span = interval(facts, rules, near)
    if span is None or (span[1] - span[0]).days > rules.published_before_days:
        return written, frozenset()
    days = (span[0] + dt.timedelta(days=n) for n in range((span[1] - span[0]).days + 1))
    known = (_day_of_year(d.month, d.day) for d in days)
    return written, frozenset(d for d in known if d is not None)


def article_times(facts: Sequence[Facts], rules: Rules) -> dict[str, Time]:
    """When the events with no date of their own lie, for each article with no publication
    date that tells it some other way: the week before the latest date its own events are
    given (and the days they are given with no year); else, when none, the time of the events
    of other articles that quote one of its statements (a statement is quoted around the time
    it was made). An article whose times tell nothing (none, or over more than a story's
    days) is left out: its undated events stay unknown, compatible with any time."""
    undated: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        if f.published is None:
            undated[f.article_id].append(i)
    times: dict[str, Time] = {}
    for article, members in undated.items():
        if own := _own_time([facts[i] for i in members], rules):
            times[article] = own
    if not rules.use_quotes or len(times) == len(undated):
        return times
    quoting: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        for run in f.quote_runs:
            quoting[run].append(i)
    spans = [interval(f, rules, times.get(f.article_id)) for f in facts]
    for article, members in undated.items():
        if article in times:
            continue
        others = {o for i in members for run in facts[i].quote_runs for o in quoting[run]}
        others = {o for o in others if facts[o].article_id != article}
        if others:
            span = functools.reduce(_joined, (spans[o] for o in others), None)
            written = frozenset[int]().union(*(_written(facts[o]) for o in others))
            if _days(span) <= rules.story_days and (span or written):
                times[article] = (span, written)
    return times


def _own_time(events: Sequence[Facts], rules: Rules) -> Time | None:
    """The week before the latest few-day date of ``events``, and their days with no year."""
    slack = rules.date_slack_days
    ends = [f.end for f in events if f.start and f.end and _days((f.start, f.end)) <= slack]
    written = frozenset[int]().union(*map(_written, events))
    span = _week_before(max(ends), rules) if ends else None
    return (span, written) if span or written else None


def _round(a: frozenset[int], b: frozenset[int]) -> int:
    """The fewest days between a day of ``a`` and one of ``b``, the year round (0: unknown)."""
    if not a or not b:
        return 0
    return min(min(abs(x - y), 366 - abs(x - y)) for x in a for y in b)


@functools.lru_cache(maxsize=1 << 16)  # few distinct days in a run, compared often
def _year_apart(a: YearDays, b: YearDays) -> int:
    """How far a day written with no year on one side lies from the days of the other."""
    if not a[0] and not b[0]:  # no day written without its year: nothing to compare
        return 0
    return max(_round(a[0], b[0] | b[1]), _round(b[0], a[0] | a[1]))


def _joined(a: Interval | None, b: Interval | None) -> Interval | None:
    """The interval covering both (the known one when the other is unknown)."""
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _days(span: Interval | None) -> int:
    return (span[1] - span[0]).days if span is not None else 0


def _apart(a: Interval | None, b: Interval | None) -> int:
    """Days between two intervals (0 when they overlap or one is unknown)."""
    if a is None or b is None:
        return 0
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def _by_last(names: Sequence[NameKey]) -> dict[str, list[NameKey]]:
    found: dict[str, list[NameKey]] = defaultdict(list)
    for n in names:
        found[n.last].append(n)
    return found


def _name_score(a: Sequence[NameKey], b: Mapping[str, list[NameKey]], rules: Rules) -> float:
    """Each name of ``a`` counts its best match among ``b`` (by surname)."""
    weights = (rules.single, rules.surname, rules.full_name)
    score = 0.0
    for x in a:
        best = 0.0
        for y in b.get(x.last, ()):
            if x.same(y):
                best = max(best, weights[(x.first is not None) + (y.first is not None)])
        score += best
    return score


def evidence(a: Facts, b: Facts, rules: Rules = DEFAULT_RULES) -> float:
    """How strongly the two events are one happening; 0 when something tells them apart.
    The pair alone: the likeness of their descriptions and their articles' stand-in times
    need every event linked, so only ``link`` weighs them."""
    ia, ib, quoted = (
        interval(a, rules),
        interval(b, rules),
        _share(_runs(a, rules), _runs(b, rules)),
    )
    days = (year_days(a, rules), year_days(b, rules))
    return _evidence(a, b, ia, ib, _by_last(b.names), quoted, rules, days)


Vector = dict[str, float]


def word_vectors(facts: Sequence[Facts], rules: Rules) -> list[Vector]:
    """What each event's description says: its words (their first ``STEM`` letters, so
    "elected" is "elections"), each weighted by how few of the events use it (tf-idf, of unit
    length). The weights need all the events linked: a pair alone tells no word rare."""
    if not rules.use_words:
        return [{} for _ in facts]
    bags = [Counter(w[:STEM] for w in content_words(f.description)) for f in facts]
    used = Counter(w for bag in bags for w in bag)
    made: dict[frozenset[tuple[str, int]], Vector] = {}  # one vector a distinct bag
    for bag in map(lambda b: frozenset(b.items()), bags):
        if bag not in made:
            v = {w: n * math.log(len(bags) / used[w]) for w, n in bag}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            made[bag] = {w: x / norm for w, x in v.items() if x}
    return [made[frozenset(b.items())] for b in bags]


def similarity(a: Vector, b: Vector) -> float:
    """The cosine of two ``word_vectors``."""
    return sum(a[w] * b[w] for w in a.keys() & b.keys())


def _runs(f: Facts, rules: Rules) -> frozenset[str] | None:
    """The event's quote runs (``Facts.quote_runs``), or None when quotes do not count."""
    return f.quote_runs if rules.use_quotes and f.quotes else None


def _share(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """Whether two events quote one statement (a run of words shared)."""
    return a is not None and b is not None and not a.isdisjoint(b)


def _evidence(
    a: Facts,
    b: Facts,
    ia: Interval | None,
    ib: Interval | None,
    b_names: Mapping[str, list[NameKey]],
    quoted: bool,
    rules: Rules,
    days: tuple[YearDays, YearDays],
) -> float:
    if a.article_id == b.article_id:
        return 0.0  # an article tells a happening once; its events are different ones
    if rules.use_dates and _apart(ia, ib) > rules.date_slack_days:
        return 0.0
    undated_day = rules.use_dates and (days[0][0] or days[1][0])  # a day with no year
    if undated_day and _year_apart(*days) > rules.date_slack_days:
        return 0.0
    # ``quoted``: one statement quoted in both, told apart by nothing but how each outlet
    # names the place
    veto = rules.use_places and rules.place_veto and not quoted
    if veto and a.places and b.places and not a.places & b.places:
        return 0.0
    if rules.use_kinds and a.kinds and b.kinds and not a.kinds & b.kinds and not quoted:
        return 0.0
    score = _name_score(a.names, b_names, rules)
    if quoted:
        score += rules.quote
    if rules.use_places and a.places & b.places:
        score += rules.place
    if rules.use_dates and a.day is not None and a.day == b.day:
        score += rules.same_day
    return score


def _blocks(facts: Sequence[Facts], rules: Rules) -> Iterable[list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        keys = {"n:" + n.last for n in f.names}
        if rules.block_places:  # events naming nobody are compared by their place
            keys |= {"p:" + w for w in f.places}
        if rules.use_quotes:
            keys |= {"q:" + q for q in f.quote_runs}
        for k in keys:
            blocks[k].append(i)
    # a quote's runs of words make many blocks of the same members: each compared once
    kept = {tuple(m) for m in blocks.values() if 1 < len(m) <= rules.max_block}
    return (list(members) for members in kept)


def candidates(
    facts: Sequence[Facts],
    rules: Rules = DEFAULT_RULES,
    spans: Sequence[Interval | None] | None = None,
) -> set[tuple[int, int]]:
    """The pairs worth comparing: in one block, and (with dates) within the slack.
    ``spans``: each event's interval, when not its own (``interval``)."""
    if spans is None or not rules.use_dates:
        spans = [interval(f, rules) if rules.use_dates else None for f in facts]
    slack = dt.timedelta(days=rules.date_slack_days)
    pairs: set[tuple[int, int]] = set()
    for members in _blocks(facts, rules):
        dated = sorted((m for m in members if spans[m] is not None), key=lambda m: spans[m])  # type: ignore[arg-type, return-value]
        undated = [m for m in members if spans[m] is None]
        for n, i in enumerate(dated):
            reach = spans[i][1] + slack  # type: ignore[index]
            for j in dated[n + 1 :]:
                if spans[j][0] > reach:  # type: ignore[index]
                    break
                pairs.add((min(i, j), max(i, j)))
        for i in undated:
            pairs.update((min(i, j), max(i, j)) for j in members if j != i)
    return pairs


class _Stories:
    """Union-find over events, with what each story holds that another can clash with: its
    span of precise dates, the span of its times known to a week, its days of the year, its
    places and its kinds of action. Unknown is compatible for a pair, but not through a chain:
    a story placed in one town never joins one placed in another because an event with no
    place links them, nor a story of May one of October because an undated event does."""

    def __init__(
        self,
        facts: Sequence[Facts],
        rules: Rules,
        spans: Sequence[Interval | None],
        days: Sequence[YearDays],
    ) -> None:
        self.parent = list(range(len(facts)))
        self.size = [1] * len(facts)
        # Each event's time, for the span of its story: its resolved date when it is a few
        # days (``span``), and when it is known to a week, the week before its article
        # standing in for a date not given (``window``); a month or a year tells too little.
        self.span: list[Interval | None] = []
        self.window: list[Interval | None] = []
        for f, w in zip(facts, spans, strict=True):
            w = w if rules.use_dates else None
            precise = f.start is not None and _days(w) <= rules.date_slack_days
            self.span.append(w if precise else None)
            self.window.append(w if _days(w) <= rules.published_before_days else None)
        self.max_days = rules.story_days if rules.use_dates else None
        self.window_days = rules.story_days + rules.published_before_days
        self.days = list(days)
        veto = rules.use_places and rules.place_veto
        self.places = [f.places if veto else frozenset() for f in facts]
        self.kinds = [f.kinds if rules.use_kinds else frozenset() for f in facts]

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _clash(self, a: int, b: int) -> bool:
        pa, pb, ka, kb = self.places[a], self.places[b], self.kinds[a], self.kinds[b]
        return bool((pa and pb and not pa & pb) or (ka and kb and not ka & kb))

    def join(self, i: int, j: int, force: bool = False, quoted: bool = False) -> bool:
        """Join the stories of ``i`` and ``j`` unless their dates, places or kinds clash
        (``force``: prior stories, joined whatever; ``quoted``: the pair shares a quote, so
        places and kinds do not keep it apart)."""
        a, b = self.root(i), self.root(j)
        if a == b:
            return False
        span, window = _joined(self.span[a], self.span[b]), _joined(self.window[a], self.window[b])
        if not force and self.max_days is not None:
            # a story lasts at most ``story_days``, a week more where publication dates stand
            # in for dates, and the year round for a day written with no year ("March 31")
            if _days(span) > self.max_days or _days(window) > self.window_days:
                return False
            if _year_apart(self.days[a], self.days[b]) > self.max_days:
                return False
        if not (force or quoted) and self._clash(a, b):
            return False
        if self.size[a] < self.size[b]:
            a, b = b, a
        self.parent[b] = a
        self.size[a] += self.size[b]
        self.span[a] = span
        self.places[a] = self.places[a] | self.places[b]
        self.kinds[a] = self.kinds[a] | self.kinds[b]
        self.days[a] = (self.days[a][0] | self.days[b][0], self.days[a][1] | self.days[b][1])
        self.window[a] = window
        return True


def link(
    facts: Sequence[Facts],
    prior: Mapping[Key, str] | None = None,
    rules: Rules = DEFAULT_RULES,
) -> dict[Key, str]:
    """The story id of every event of ``facts``; ``prior``: the ids events already had."""
    prior = prior or {}
    facts = sorted(facts, key=lambda f: f.key)
    none: YearDays = (frozenset(), frozenset())
    times = article_times(facts, rules) if rules.use_dates else {}
    near = [times.get(f.article_id) for f in facts]
    spans = [interval(f, rules, t) for f, t in zip(facts, near, strict=True)]
    # else no day written with no year: nothing to compare
    yearless = rules.use_dates and any(f.month_day for f in facts)
    days = [year_days(f, rules, t) if yearless else none for f, t in zip(facts, near, strict=True)]
    stories = _Stories(facts, rules, spans, days)
    first: dict[str, int] = {}
    for i, f in enumerate(facts):
        known = prior.get(f.key)
        if known is not None:
            stories.join(first.setdefault(known, i), i, force=True)
    names = [_by_last(f.names) for f in facts]
    vectors = word_vectors(facts, rules)
    alike: dict[tuple[int, int], float] = {}  # by vector: retold events share theirs
    scored = []
    runs = [_runs(f, rules) for f in facts]  # asked once, not once a pair
    for i, j in candidates(facts, rules, spans):
        quoted = _share(runs[i], runs[j])
        pair = (days[i], days[j])
        score = _evidence(facts[i], facts[j], spans[i], spans[j], names[j], quoted, rules, pair)
        if score > 0 and score + rules.words >= rules.threshold:  # else the words change nothing
            pair_of = (id(vectors[i]), id(vectors[j]))
            if pair_of not in alike:
                alike[pair_of] = similarity(vectors[i], vectors[j])
            score += rules.words * alike[pair_of]
        if score >= rules.threshold:
            scored.append((-score, i, j, quoted))
    for _, i, j, quoted in sorted(scored):
        stories.join(i, j, quoted=quoted)
    return _name(facts, stories, prior)


def _name(facts: Sequence[Facts], stories: _Stories, prior: Mapping[Key, str]) -> dict[Key, str]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(facts)):
        members[stories.root(i)].append(i)
    # Every prior id goes to the story that holds most of its events.
    claims: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for root, group in members.items():
        counts = Counter(prior[facts[i].key] for i in group if facts[i].key in prior)
        for sid, n in counts.items():
            claims[sid].append((-n, root))
    names: dict[int, str] = {}
    for sid in sorted(claims, key=lambda s: (min(claims[s]), s)):
        for _, root in sorted(claims[sid]):
            if root not in names:
                names[root] = sid
                break
    taken = set(names.values())
    for root, group in sorted(members.items(), key=lambda item: facts[item[1][0]].key):
        if root in names:
            continue
        salt, sid = 0, story_id(facts[group[0]].key)
        while sid in taken:
            salt += 1
            sid = story_id(facts[group[0]].key, salt)
        names[root] = sid
        taken.add(sid)
    return {facts[i].key: names[root] for root, group in members.items() for i in group}
