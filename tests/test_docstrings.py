"""Every example in a docstring runs, and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import unxref

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(unxref.__path__, "unxref.") if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_the_examples_cover_the_grammar_modules() -> None:
    """The modules that define a grammar or a scheme show it by example."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    for name in ("unxref.un.symbols", "unxref.un.language", "unxref.rdf.iris", "unxref.formats", "unxref.ontology"):
        examples = sum(len(t.examples) for t in finder.find(importlib.import_module(name), name))
        assert examples >= 2, name
