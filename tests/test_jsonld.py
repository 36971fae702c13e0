"""kg.jsonld: a JSON-LD graph as kg build writes it, read a batch of lines at a time, and the loaders using it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import jsonld


@pytest.fixture(scope="module")
def built(sample_build) -> Path:
    return sample_build.outputs[0].parent / "graph.jsonld"


def _whole(path: Path) -> set:
    return set(ox.parse(path=path, format=ox.RdfFormat.JSON_LD))


def _stored(path: Path) -> set:
    """The quads of the file at ``path`` loaded whole into a store (which writes some literals its own way)."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.JSON_LD)
    return set(store)


def test_the_batches_hold_the_files_triples(built):
    documents = list(jsonld.documents(built, batch=20_000))
    with built.open("rb") as fh:
        opening = jsonld.head(fh)
    assert len(documents) > 5
    assert all(d.startswith(opening) and d.endswith(b"\n]}") for d in documents)
    assert max(len(d) for d in documents) < len(opening) + 20_000 + 5_000  # a batch and at most one more line
    assert set(jsonld.quads(built, batch=20_000)) == _whole(built)


class Recording:
    """A store that records how it is loaded."""

    def __init__(self) -> None:
        self.store, self.loads, self.cleared = ox.Store(), [], 0

    def bulk_load(self, input=None, **kwargs):  # noqa: A002 - pyoxigraph's name
        self.loads.append(("bulk_load", len(input)))
        self.store.bulk_load(input=input, **kwargs)

    def load(self, input=None, **kwargs):  # noqa: A002 - pyoxigraph's name
        self.loads.append(("load", len(input)))
        self.store.load(input=input, **kwargs)

    def clear(self):
        self.cleared += 1
        self.store.clear()


def test_a_large_graph_loads_a_batch_at_a_time(built, monkeypatch):
    monkeypatch.setattr(jsonld, "LOAD_IN_BATCHES_FROM", 0)
    for bulk, how in ((True, "bulk_load"), (False, "load")):
        store = Recording()
        assert jsonld.load(store, built, bulk=bulk, batch=20_000)
        assert len(store.loads) > 5 and {m for m, _ in store.loads} == {how}
        assert max(n for _, n in store.loads) < built.stat().st_size / 2
        assert set(store.store) == _stored(built)


def test_a_small_graph_is_left_to_the_caller(built):
    store = Recording()
    assert not jsonld.load(store, built, bulk=False) and store.loads == []


def _split_a_node(text: bytes) -> bytes:
    lines = text.split(b"\n")
    lines[-4] = lines[-4].replace(b", ", b",\n", 1)
    return b"\n".join(lines)


@pytest.mark.parametrize(
    "relayout",
    [
        pytest.param(_split_a_node, id="a node over two lines"),
        pytest.param(lambda t: t.replace(b"\n]}", b',\n{"@id": "_:b0", "urn:p": [{"@value": "x"}]}\n]}'), id="a blank node"),
        pytest.param(lambda t: t.replace(b"\n]}", b'\n], "@id": "urn:g"}'), id="keys after the graph"),
        pytest.param(lambda t: t + b"{}", id="text after the graph"),
        pytest.param(lambda t: t.replace(b"\n]}", b"\n"), id="no end"),
        pytest.param(lambda t: t.replace(b'\n"@graph": [\n', b'\n"@graph": ['), id="nodes on the graph line"),
    ],
)
def test_a_graph_the_batches_cannot_take_leaves_the_store_empty(built, tmp_path, relayout, monkeypatch):
    monkeypatch.setattr(jsonld, "LOAD_IN_BATCHES_FROM", 0)
    odd = tmp_path / "odd.jsonld"
    odd.write_bytes(relayout(built.read_bytes()))
    store = Recording()
    assert not jsonld.load(store, odd, bulk=False, batch=1)  # a line at a time: a split node is cut
    assert len(store.store) == 0
    with pytest.raises(jsonld.NotBatchable):
        list(jsonld.quads(odd, batch=1))


def in_batches(monkeypatch, batch: int) -> list[int]:
    """Large JSON-LD files read in batches of ``batch`` bytes of lines from now on; the sizes of the
    documents read are recorded in the list returned."""
    monkeypatch.setattr(jsonld, "LOAD_IN_BATCHES_FROM", 0)
    monkeypatch.setattr(jsonld, "BATCH", batch)
    batches: list[int] = []
    real = jsonld.documents

    def documents(path, batch=None):
        for document in real(path, batch):
            batches.append(len(document))
            yield document

    monkeypatch.setattr(jsonld, "documents", documents)
    return batches


@pytest.mark.parametrize("loader", ["query", "serve", "store"])
def test_every_loader_reads_a_large_jsonld_graph_in_batches(built, tmp_path, loader, monkeypatch):
    from kg import query, serve, store

    batches = in_batches(monkeypatch, 20_000)
    if loader == "query":
        loaded = query.load(built)
    elif loader == "serve":
        loaded = serve.load_store(built)
    else:
        loaded = store.open_store(built, tmp_path / "db")
    assert len(batches) > 5
    assert set(loaded) == _stored(built)


def test_a_loader_reads_whole_a_graph_the_batches_cannot_take(built, tmp_path, monkeypatch):
    from kg import query

    monkeypatch.setattr(jsonld, "LOAD_IN_BATCHES_FROM", 0)
    monkeypatch.setattr(jsonld, "BATCH", 1)
    odd = tmp_path / "odd.jsonld"
    odd.write_bytes(_split_a_node(built.read_bytes()))
    assert set(query.load(odd)) == _stored(odd)
