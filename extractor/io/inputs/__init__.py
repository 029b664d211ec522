"""Reading inputs: files and folders of .txt, .html, .json and .jsonl, and an optional manifest.

Every per-article failure becomes an InputProblem in the result, so one bad file, folder or
manifest row never stops a batch; only unusable arguments (a missing path, a manifest unreadable
as a whole) raise ConfigError. ``load`` runs an input through these modules, in this order:

- ``walk``: the files given, and the input files under the folders given;
- ``files``: opening each one as a regular file, without trusting the file system;
- ``decode``: its bytes to text;
- ``html``: a page to its article text, metadata and date strings (article/pubdate decides);
- ``records``: JSON and JSONL records to articles;
- ``manifest``: a manifest row's values over its article's own;
- ``unique``: an id used by two inputs fails both.

``problems`` holds what each input becomes (an article or an InputProblem); ``fields`` cleans
the metadata strings.
"""

from extractor.io.inputs.decode import decode
from extractor.io.inputs.load import load_inputs
from extractor.io.inputs.manifest import Manifest, ManifestRow, read_manifest
from extractor.io.inputs.problems import InputProblem, Item

__all__ = [
    "InputProblem",
    "Item",
    "Manifest",
    "ManifestRow",
    "decode",
    "load_inputs",
    "read_manifest",
]
