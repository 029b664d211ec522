"""Speech verbs: the words that say someone spoke, in the two forms the stages read them.

- ``ATTRIBUTION_VERBS``: what ties a quote to its speaker ("…,” said X", "according to X"):
  past and present forms and a few phrases, as regular-expression alternatives.
- ``REPORTING_VERBS``: what makes a description a plain statement ("Ann said that …"): past
  and present forms, with verbs of thinking ("believes", "hopes") and no phrases.
"""

from __future__ import annotations

from extractor.text.lexicon import word_list

__all__ = ["ATTRIBUTION_VERBS", "REPORTING_VERBS"]

# Speech verbs of a quote's attribution (extractor.article.speakers), regex alternatives in the
# order tried; "according to" and "quoted" name their speaker after them.
ATTRIBUTION_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|explained|explains|noted|notes|"
    r"asked|asks|wrote|writes|remarked|remarks|announced|announces|declared|declares|"
    r"commented|comments|continued|continues|insisted|insists|argued|argues|claimed|claims|"
    r"warned|warns|replied|replies|answered|answers|[Aa]ccording to|enthused|praised|"
    r"described|describes|called|calls|quoted|promised|predicted|admitted|acknowledged|"
    r"suggested|urged|conceded|recalled|emphasi[sz]ed|stressed|quipped|joked|vowed|pledged|"
    r"responded|confirmed|denied|observed|cautioned|boasted|estimated"
)

# Verbs that report what someone said or thinks, as written after the subject
# (extractor.article.eventkind): plain words, verbs of thinking included.
_REPORTING = """said says say stated states told tells added adds commented remarked noted explained
    explains warned warns expressed expresses acknowledged acknowledges admitted admits talked
    spoke speaks enthused enthuses observed observes concluded concludes claimed claims argued
    argues believes believed thinks thought hopes hoped expects expected described describes
    insisted insists suggested suggests asserted asserts reassured reassures replied responded
    mentioned mentions recalled recalls predicted predicts feels felt"""
REPORTING_VERBS = word_list(_REPORTING)
