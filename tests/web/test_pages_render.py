"""What a page sends is the page: no template source leaks into it (a `{# #}` comment is one
line only in Django; one spread over lines is sent as text and shows on the page)."""

import pytest


@pytest.mark.parametrize(
    "path",
    ["/", "/networks/", "/networks/new/", "/networks/prune/", "/history/", "/ports/", "/audit/"],
)
def test_it_sends_no_template_source(op_client, hub, path):
    answer = op_client.get(path)
    assert answer.status_code == 200
    text = answer.content.decode()
    for mark in ("{#", "#}", "{%", "%}", "{{", "}}"):
        assert mark not in text, f"{path} shows template source {mark!r}"
