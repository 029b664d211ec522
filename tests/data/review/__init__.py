"""Fixtures for the validate, diff and report tests."""
