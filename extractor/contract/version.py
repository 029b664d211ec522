"""The package version, recorded in every document's provenance."""

VERSION = "0.1.0"
