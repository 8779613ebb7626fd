"""LinkConfig from the environment: numbers that are not finite, negative or not whole are
refused with a one-line usage error naming the variable."""

from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.link.config import LinkConfig


@pytest.mark.parametrize("name,raw", [
    ("KG_HTTP_BACKOFF", "nan"), ("KG_HTTP_BACKOFF", "inf"), ("KG_HTTP_BACKOFF", "-1"),
    ("KG_HTTP_BACKOFF", "two"), ("KG_HTTP_TIMEOUT", "0"), ("KG_HTTP_TIMEOUT", "nan"),
    ("KG_HTTP_RETRIES", "1.5"), ("KG_HTTP_RETRIES", "-1"), ("KG_HTTP_RETRIES", "nan"),
])
def test_bad_numbers_are_refused_naming_the_variable(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    with pytest.raises(UsageError, match=name) as err:
        LinkConfig.from_env()
    assert "\n" not in str(err.value)


def test_good_numbers_are_read(monkeypatch):
    monkeypatch.setenv("KG_HTTP_BACKOFF", "0")
    monkeypatch.setenv("KG_HTTP_TIMEOUT", "2.5")
    monkeypatch.setenv("KG_HTTP_RETRIES", " 3 ")
    config = LinkConfig.from_env()
    assert (config.backoff_s, config.timeout_s, config.retries) == (0.0, 2.5, 3)


def test_unset_or_empty_gives_the_defaults(monkeypatch):
    for name in ("KG_HTTP_BACKOFF", "KG_HTTP_TIMEOUT", "KG_HTTP_RETRIES"):
        monkeypatch.setenv(name, "")
    config, default = LinkConfig.from_env(), LinkConfig()
    assert (config.backoff_s, config.timeout_s, config.retries) == (
        default.backoff_s, default.timeout_s, default.retries)
