"""Text primitives every stage shares, each concept in one module. Pure, and below ``dates``
and ``article`` in the layers: it imports neither.

- ``numbered``: the one sentence splitter (``sentencex``): ``spans`` of a text, the model's
  numbered listing and chunks, and ``index`` (a text's sentences looked up by position).
- ``sentences``: ``sentence_around`` a span, and ``Sentences.retold``: which sentence an event's
  description retells, and whether only inside quotation marks (``Quoted``); where a quote
  left open stops (``LINE_END``), whether a line ends with a full stop (``ends_sentence``).
- ``words``: the tokenisers (``WORD``, ``JOINED_WORD``, ``LOOSE_WORD``, ``LONG_WORD``, each
  named by what it counts as a word), ``word_count``, ``word_set``, ``content_words``.
- ``lexicon``: word lists as data: months and weekdays (names and short forms), pronouns and
  possessives, the small words inside names, stop words, placeholders for "no value".
- ``names``: whether words are a name: ``capitalised_as_name`` (every word capitalised, as a
  title) and ``holds_name`` (against the text: ``proper`` is capitalised mid-sentence); the
  ``NAME`` run of capitalised words; days and months that are ``NOT_NAMES``.
- ``speech``: speech verbs in the two forms the stages read: ``ATTRIBUTION_VERBS`` (what ties
  a quote to its speaker) and ``REPORTING_VERBS`` (what makes a description a plain statement).
- ``parser``: the English dependency parser (spaCy's small pipeline, weights verified, loaded
  once per process on first use): ``parse`` texts into parses, for speaker attribution;
  ``parse_entities`` with named entities; the last ``KEPT`` sentences parsed are kept.
"""
