"""One article, stage by stage (pure): clean, publication date, prompt, ground, attribute,
fold events, build the document."""
