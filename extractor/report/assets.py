"""The page's only style sheet and script, inlined (the report loads nothing from anywhere)."""

from __future__ import annotations

CSS = """
:root { --actor: #fde68a; --place: #bfdbfe; --date: #bbf7d0; --quote: #e9d5ff;
  --added: #15803d; --removed: #b91c1c; --changed: #b45309; --flag: #b91c1c; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #111; background: #fafafa; }
header.page { padding: 1rem 2rem; background: #1f2937; color: #f9fafb; }
header.page h1 { margin: 0 0 .25rem; font-size: 1.4rem; }
header.page .meta, header.page .causes { font-size: .9rem; color: #d1d5db; }
nav.controls { position: sticky; top: 0; z-index: 2; padding: .5rem 2rem;
  background: #fff; border-bottom: 1px solid #ddd; }
nav.controls label { margin-right: 1rem; }
.legend { font-size: .8rem; white-space: normal; }
.legend .key { display: inline-block; margin: .1rem .4rem .1rem 0; padding: 0 .3rem;
  border-radius: 3px; }
main { padding: 1rem 2rem; }
nav.contents details { margin: .3rem 0; }
nav.contents summary { cursor: pointer; font-size: .9rem; }
ul.toc { list-style: none; margin: .3rem 0 .6rem; padding: 0; font-size: .85rem;
  display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .1rem 1.5rem; }
ul.toc li { min-width: 0; overflow-wrap: anywhere; }
nav.pages { margin: .6rem 0; font-size: .9rem; }
nav.pages a, nav.pages strong { margin-right: .6rem; white-space: nowrap; }
section.article { background: #fff; border: 1px solid #ddd; border-radius: 6px;
  margin: 1.5rem 0; padding: 1rem 1.25rem; }
section.article h2 { margin: 0; font-size: 1.15rem; }
.ids { color: #555; font-size: .85rem; }
.ids, h2, pre, dd, blockquote, .desc { overflow-wrap: anywhere; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; }
@media (max-width: 50rem) { .columns { grid-template-columns: minmax(0, 1fr); } }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, serif;
  line-height: 1.7; }
a.hl { color: inherit; text-decoration: none; border-radius: 3px; padding: 0 1px; }
.hl-actor { background: var(--actor); }
.hl-place { background: var(--place); }
.hl-date { background: var(--date); }
.hl-quote { background: var(--quote); }
.hl-unresolved { outline: 2px dashed var(--flag); }
.ev-added { box-shadow: inset 0 -3px 0 var(--added); }
.ev-changed { box-shadow: inset 0 -3px 0 var(--changed); }
details.textdiff { margin: .5rem 0; font-size: .85rem; }
pre.textdiff { white-space: pre-wrap; background: #f9fafb; border: 1px solid #e5e7eb;
  padding: .4rem .6rem; margin: .3rem 0; }
pre.textdiff .at { display: block; color: #6b7280; }
pre.textdiff .del { display: block; background: #fef2f2; }
pre.textdiff .ins { display: block; background: #f0fdf4; }
pre.textdiff del { background: #fecaca; }
pre.textdiff ins { background: #bbf7d0; text-decoration: none; }
a.hl.focus { outline: 3px solid #111; }
ol.events { padding-left: 1.25rem; }
li.event { margin: .5rem 0; padding: .4rem .6rem; border-left: 4px solid #ddd; }
li.event.focus { background: #f3f4f6; }
li.diff-added { border-left-color: var(--added); }
li.diff-changed { border-left-color: var(--changed); }
li.diff-removed { border-left-color: var(--removed); opacity: .8; }
li.diff-removed .desc { text-decoration: line-through; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 9px;
  background: #e5e7eb; margin-left: .3rem; vertical-align: middle; }
.badge.diff-added { background: var(--added); color: #fff; }
.badge.diff-removed { background: var(--removed); color: #fff; }
.badge.diff-changed { background: var(--changed); color: #fff; }
.badge.diff-failed { background: #6b21a8; color: #fff; }
.flag { color: var(--flag); font-weight: 600; font-size: .8rem; margin-left: .3rem; }
.changes { font-size: .85rem; color: #374151; margin: .2rem 0 0; padding-left: 1rem; }
.changes ins { color: var(--added); text-decoration: none; }
.changes del { color: var(--removed); }
dl.fields { margin: .2rem 0; font-size: .9rem; display: grid;
  grid-template-columns: max-content 1fr; gap: 0 .6rem; }
dl.fields dt { color: #555; }
dl.fields dd { margin: 0; }
blockquote { margin: .2rem 0; padding-left: .6rem; border-left: 3px solid var(--quote); }
blockquote.unverified { border-left-color: var(--flag); }
pre.failure { white-space: pre-wrap; color: var(--flag); }
body.hide-unchanged li.diff-unchanged, body.hide-unchanged section.diff-unchanged,
body.hide-unchanged details.diff-unchanged { display: none; }
body.flagged-only li.event:not(.flagged) { display: none; }
header.page a { color: #93c5fd; }
section.story { background: #fff; border: 1px solid #ddd; border-radius: 6px;
  margin: 1.5rem 0; padding: 1rem 1.25rem; }
section.story h2 { margin: 0; font-size: 1.15rem; overflow-wrap: anywhere; }
section.story h3 { font-size: .95rem; margin: .6rem 0 .2rem; }
.sources { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
  gap: 1rem; margin-top: .8rem; }
.source { border-top: 3px solid #d1d5db; padding-top: .4rem; min-width: 0; }
.source h4 { margin: 0; font-size: .95rem; overflow-wrap: anywhere; }
ul.story-events { list-style: none; margin: .4rem 0 0; padding: 0; }
li.story-event { margin: 0 0 .6rem; }
blockquote.shared { border-left-color: var(--changed); background: #fef3c7; }
"""

JS = """
"use strict";
(function () {
  var body = document.body;
  function toggle(id, cls) {
    var box = document.getElementById(id);
    if (!box) { return; }
    var apply = function () { body.classList.toggle(cls, box.checked); };
    box.addEventListener("change", apply);
    apply();
  }
  toggle("hide-unchanged", "hide-unchanged");
  toggle("flagged-only", "flagged-only");
  function focus(article, eventId) {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    var scope = document.getElementById(article);
    if (!scope) { return; }
    scope.querySelectorAll("a.hl").forEach(function (el) {
      if ((el.getAttribute("data-events") || "").split(" ").indexOf(eventId) >= 0) {
        el.classList.add("focus");
      }
    });
    var card = document.getElementById(article + "-" + eventId);
    if (card) { card.classList.add("focus"); }
  }
  document.querySelectorAll("li.event").forEach(function (card) {
    card.addEventListener("click", function () {
      focus(card.closest("section").id, card.getAttribute("data-event"));
    });
  });
  document.querySelectorAll("a.hl").forEach(function (link) {
    link.addEventListener("click", function () {
      var first = (link.getAttribute("data-events") || "").split(" ")[0];
      focus(link.closest("section").id, first);
    });
  });
  document.documentElement.setAttribute("data-ready", "yes");
})();
"""
