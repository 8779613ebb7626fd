"""kg.cycles: one cycle per tangle of links, the shortest through its least member."""

from __future__ import annotations

import doctest

import kg.cycles
from kg.cycles import cycles


def test_the_examples_run():
    result = doctest.testmod(kg.cycles, verbose=False)
    assert result.failed == 0 and result.attempted > 0, result


def test_no_cycle_in_chains_however_long():
    chain = [(f"e{i + 1:05d}", f"e{i:05d}") for i in range(20_000)]
    assert cycles(chain) == []


def test_a_long_cycle_is_one_tangle_named_from_its_least_member():
    n = 20_000
    ring = [(f"e{i:05d}", f"e{(i + 1) % n:05d}") for i in range(n)]
    ((members, cycle),) = cycles(reversed(ring))  # the order links come in changes nothing
    assert members == cycle == [f"e{i:05d}" for i in range(n)], cycle[:3]


def test_the_shortest_cycle_through_the_least_member_and_one_per_tangle():
    links = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("c", "a"),  # a-b-c-d, and a-b-c
             ("x", "y"), ("y", "x"), ("y", "z"), ("z", "z"), ("q", "r")]
    assert cycles(links) == [(["a", "b", "c", "d"], ["a", "b", "c"]), (["x", "y"], ["x", "y"]),
                             (["z"], ["z"])]
