"""Settings from the environment: tiny helpers that refuse what they cannot read."""

import pytest

from dashboard.env import SettingError, env_bool, env_float, env_int, parse_engines


@pytest.mark.parametrize(
    ("text", "value"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("off", False)],
)
def test_it_reads_the_usual_ways_of_saying_yes_and_no(monkeypatch, text, value):
    monkeypatch.setenv("X_FLAG", text)
    assert env_bool("X_FLAG", default=not value) is value


@pytest.mark.parametrize("default", [True, False])
def test_it_keeps_the_default_when_unset_or_empty(monkeypatch, default):
    monkeypatch.delenv("X_FLAG", raising=False)
    assert env_bool("X_FLAG", default) is default
    monkeypatch.setenv("X_FLAG", "")
    assert env_bool("X_FLAG", default) is default


@pytest.mark.parametrize("text", ["ture", "2", "enabled", "y e s"])
def test_it_refuses_a_typo_in_a_flag_naming_the_setting(monkeypatch, text):
    monkeypatch.setenv("DASHBOARD_HTTPS", text)
    with pytest.raises(SettingError, match="DASHBOARD_HTTPS"):
        env_bool("DASHBOARD_HTTPS")


def test_it_refuses_numbers_it_cannot_read(monkeypatch):
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(SettingError, match="X_INT='ten'"):
        env_int("X_INT", 1)
    for text in ("soon", "nan", "inf"):
        monkeypatch.setenv("X_SECONDS", text)
        with pytest.raises(SettingError, match="X_SECONDS"):
            env_float("X_SECONDS", 1.0)
    monkeypatch.setenv("X_SECONDS", "0.5")
    assert env_float("X_SECONDS", 1.0) == 0.5


def test_it_refuses_a_number_below_the_least_that_works(monkeypatch):
    monkeypatch.setenv("DASHBOARD_LEASE_SECONDS", "0.2")
    with pytest.raises(SettingError, match="DASHBOARD_LEASE_SECONDS='0.2': at least 1"):
        env_float("DASHBOARD_LEASE_SECONDS", 3, minimum=1)
    monkeypatch.setenv("DASHBOARD_LEASE_SECONDS", "1")
    assert env_float("DASHBOARD_LEASE_SECONDS", 3, minimum=1) == 1


def test_a_bad_setting_stops_django_at_start_with_its_name(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DASHBOARD_HTTPS": "ture", "DASHBOARD_VAR_DIR": str(tmp_path)}
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "DASHBOARD_HTTPS='ture'" in done.stderr


def test_it_reads_several_engines_or_one_default():
    assert parse_engines("", "unix:///x.sock") == {"local": "unix:///x.sock"}
    assert parse_engines(" a=unix:///a.sock , b= ", "") == {"a": "unix:///a.sock", "b": ""}


def test_a_token_too_short_to_be_secret_is_refused(monkeypatch):
    from dashboard.env import SettingError, env_token

    monkeypatch.setenv("X_TOKEN", "short")
    with pytest.raises(SettingError, match="at least 32"):
        env_token("X_TOKEN")
    monkeypatch.setenv("X_TOKEN", " " + "k" * 32 + " ")
    assert env_token("X_TOKEN") == "k" * 32
    monkeypatch.delenv("X_TOKEN")
    assert env_token("X_TOKEN") == ""
