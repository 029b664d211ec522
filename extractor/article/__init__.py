"""One article, stage by stage. No clock, no network, no output: the model is called through
the ``pipeline.Client`` protocol, and the only files read are the parser's packaged weights
(``text.parser``, loaded once per process). The stages, in order, and where each lives:

1. clean the text (``clean``), 2. find the publication date (``pubdate``),
3. build the prompt with the numbered quotes (``prompt``, ``quotes``, ``pipeline.messages``),
4. ask the model and check the answer, chunk by chunk (``pipeline.ask``; the call itself is
   ``io.llm``), 5. build the document (``document.build_document``): ground mentions
   (``ground``, ``grounded``), attribute quotes (``attribution`` on the parse,
   ``speakers`` as fallback, ``attach_quotes``), fold events
   (``event``, ``retellings``, ``fold``, ``nominal``, ``quote_homes``, ``homes``), resolve dates
   (``event_dates`` over ``extractor.dates``), warnings (``warning_codes``).

``pipeline.compose`` is the one composition of these stages; tests, benchmarks and the engine
all call it.
"""
