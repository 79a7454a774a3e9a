"""Bad input on every form of the portal: random Unicode, huge strings, wrong types, missing fields.

Every URL of the permission matrix (tests/test_permissions.py) that some persona may POST to is posted to by
that persona with data built from the form's own field names (parsed from the page that shows the form) whose
values hypothesis replaces, drops, repeats or garbles. Whatever is sent:

- the view never raises (a 500): the test client re-raises the exception, so a failure shows its traceback;
- a refusal writes nothing: when the answer is the form again (200/400), a 403/404/405, or a redirect that
  carries only error messages, every row of every table (sessions and the sign-in log aside) is unchanged.

Each example runs in a savepoint rolled back afterwards, so the examples all start from the same world.
FUZZ_EXAMPLES (environment) sets the examples per URL; the default keeps the file under a minute.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matrix import Row
from tests.test_permissions import ROWS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Tables a POST may touch even when it is refused: the session (expiry slides on every request) and axes' log.
NOT_COMPARED = {"sessions", "axes"}
REFUSALS = {200, 400, 403, 404, 405, 409}

# A POST-only action has its form on another page: (page's URL name, its kwargs from the action's kwargs).
HOST_PAGES = {
    "campaigns:campaign_transition": ("campaigns:campaign_detail", lambda kw: kw),
    "campaigns:unit_four_eyes": ("campaigns:unit_detail", lambda kw: kw),
    "campaigns:unit_signer_add": ("campaigns:unit_detail", lambda kw: kw),
    "campaigns:unit_signer_end": ("campaigns:unit_detail", lambda kw: {"pk": kw["pk"]}),
    "indicators:submission_start": ("indicators:period_detail", lambda kw: {"pk": kw["pk"]}),
    "indicators:submission_send": ("indicators:submission_detail", lambda kw: kw),
    "indicators:submission_review": ("indicators:submission_detail", lambda kw: {"pk": kw["pk"]}),
    "indicators:submission_excel_upload": ("indicators:submission_detail", lambda kw: kw),
    "awards:dossier_create": ("awards:campaign_dossiers", lambda kw: kw),
    "awards:dossier_send": ("awards:dossier_detail", lambda kw: kw),
    "awards:dossier_receive": ("awards:dossier_detail", lambda kw: kw),
    "awards:dossier_request_changes": ("awards:dossier_detail", lambda kw: kw),
    "awards:dossier_accept": ("awards:dossier_detail", lambda kw: kw),
    "awards:check_override": ("awards:dossier_detail", lambda kw: kw),
    "notifications:read": ("notifications:list", lambda kw: {}),
    "notifications:read_all": ("notifications:list", lambda kw: {}),
}

# Forms outside the matrix's POST rows: signing in and the password pages.
EXTRA_FORMS = {
    "login": Row(post={"anonymous": 200}),
    "password_reset": Row(post={"anonymous": 200}),
    "password_change": Row(post={"staff": 200}),
}

# Names a tamperer may add: the hidden fields and action switches the views read straight from request.POST.
EXTRA_NAMES = ["version", "reason", "note", "action", "to_status", "code", "ho_so", "unit", "year", "round", "kind"]

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1,5",
    "1e309",
    "NaN",
    "-inf",
    "99999999999999999999",
    "-99999999999999999999",
    "0x1F",
    "٣",
    "2025-02-30",
    "31/12/2025",
    "0000-00-00",
    "9999-12-31",
    "True",
    "on",
    "null",
    "[]",
    "{}",
    "\x00",
    "a\x00b",
    "\ufffd\uffff",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd">',
    '=HYPERLINK("http://example.invalid","x")',
    "../../etc/passwd",
    "Nguyễn Văn A\u200b\u202e",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉",
]


class FormParser(HTMLParser):
    """The POST forms of a page: their action and, per field name, the value a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._multiple = False
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": {}}
            self._form["files"] = set()
            self.forms.append(self._form)
        if self._form is None or not a.get("name") and tag != "option":
            return
        fields = self._form["fields"]
        if tag == "input":
            kind, name = a.get("type", "text").lower(), a["name"]
            if kind == "file":
                self._form["files"].add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a or name not in fields:
                    fields[name] = a.get("value", "on") if ("checked" in a or kind == "radio") else None
            elif kind not in ("submit", "button", "reset", "image"):
                fields[name] = a.get("value", "")
        elif tag == "select":
            self._select, self._options, self._multiple = a["name"], [], "multiple" in a
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""
        elif tag == "button" and a.get("value"):
            fields.setdefault(a["name"], a["value"])

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            chosen = [v for v, sel in self._options if sel]
            if self._multiple:  # a multiple select sends its selected options, or nothing
                if chosen:
                    self._form["fields"][self._select] = chosen
            else:
                chosen = chosen or [v for v, _ in self._options if v][:1]
                self._form["fields"][self._select] = chosen[0] if chosen else ""
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form["fields"][self._textarea] = self._text.strip("\n")
            self._textarea = None


def form_fields(client, page_url: str, action_url: str) -> tuple[dict, set]:
    """Field names with their current values, and file fields, of the forms of `page_url` posting to `action_url`."""
    response = client.get(page_url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return {}, set()
    parser = FormParser()
    parser.feed(response.content.decode())
    fields, files = {}, set()
    for form in parser.forms:
        target = urlsplit(form["action"]).path or urlsplit(page_url).path
        if form["method"] == "post" and target == urlsplit(action_url).path:
            fields.update({k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken" and v is not None})
            files |= form["files"]
    return fields, files


def _compared_models() -> dict[str, type]:
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in NOT_COMPARED
    }


def snapshot(tables=None) -> dict[str, list]:
    """Every row of the tables named (default: all), except the session's and the sign-in log's."""
    models = _compared_models()
    return {
        table: list(model._default_manager.order_by("pk").values_list())
        for table, model in models.items()
        if tables is None or table in tables
    }


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def written_tables(queries) -> set[str]:
    """The tables a request's statements wrote to (a write later rolled back included)."""
    return {m.group(1) for q in queries if (m := WRITE.match(q["sql"]))} & set(_compared_models())


def _huge(draw) -> str:
    char = draw(st.characters(codec="utf-8", exclude_categories=("Cs",)))
    return char * draw(st.integers(256, 20_000))


@st.composite
def bad_value(draw, baseline: str):
    choice = draw(st.integers(0, 9))
    if choice <= 2:
        return baseline
    if choice <= 4:
        return draw(st.sampled_from(NASTY))
    if choice == 5:
        return draw(st.text(max_size=40))
    if choice == 6:
        return _huge(draw)
    if choice == 7:
        return str(draw(st.one_of(st.integers(-(2**80), 2**80), st.floats(allow_nan=True), st.decimals())))
    if choice == 8:
        return baseline + draw(st.text(min_size=1, max_size=10))
    return draw(st.lists(st.sampled_from([baseline, *NASTY[:12]]), min_size=2, max_size=4))


@st.composite
def form_data(draw, fields: dict, files: set):
    data = {}
    for name, baseline in fields.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # a missing field
        data[name] = draw(bad_value(baseline if isinstance(baseline, str) else ",".join(baseline)))
        if isinstance(baseline, list) and data[name] == ",".join(baseline):
            data[name] = baseline
    for name in draw(st.lists(st.sampled_from(EXTRA_NAMES), max_size=2, unique=True)):
        data.setdefault(name, draw(bad_value("")))
    for name in files:
        if draw(st.booleans()):
            content = draw(st.sampled_from([b"", b"%PDF-1.4 x", b"MZ\x90\x00", b"PK\x03\x04broken"]))
            data[name] = SimpleUploadedFile(draw(st.sampled_from(["a.pdf", "../../x.pdf", "ờ.docx"])), content)
    return data


def only_errors(response) -> bool:
    stored = list(getattr(response.wsgi_request, "_messages", []))
    return bool(stored) and all(m.level >= message_levels.ERROR for m in stored)


def _allowed_persona(row: Row) -> str:
    """The persona whose POST is answered (not a redirect to sign in, a 403 or a 404)."""
    if list(row.post) == ["anonymous"]:
        return "anonymous"
    return next(p for p, code in row.post.items() if p != "anonymous" and code in (200, 302, 400))


CASES = [name for name, row in ROWS.items() if row.post and any(c in (200, 302, 400) for c in row.post.values())]
CASES += list(EXTRA_FORMS)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def _prepare(name, world, login, media):
    """Sign in as the persona who may post, and read the form once: its fields, the database and the disk."""
    row = EXTRA_FORMS.get(name) or ROWS[name]
    persona = _allowed_persona(row)
    client = login(None if persona == "anonymous" else getattr(world, persona))
    kwargs = row.kwargs(world)
    url = reverse(name, kwargs=kwargs)
    if not hasattr(world, "_fuzz_form"):  # read once; every example then starts from this same state
        host, host_kwargs = HOST_PAGES.get(name, (name, lambda kw: kw))
        fields, files = form_fields(client, reverse(host, kwargs=host_kwargs(kwargs)), url)
        fields = {**{k: str(v) for k, v in row.post_data(world).items()}, **fields}
        world._fuzz_form = (fields, files, snapshot(), set(media.rglob("*")))
    return client, url, *world._fuzz_form


def _post_and_check(name, client, url, payload, before, on_disk, media):
    """POST in a savepoint rolled back afterwards: never a 500, and a refusal leaves the database and disk as they
    were."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, payload)
        assert response.status_code != 500
        refused = response.status_code in REFUSALS or (response.status_code == 302 and only_errors(response))
        if refused:
            touched = written_tables(queries.captured_queries)
            after = snapshot(touched) if touched else {}
            changed = [table for table in after if after[table] != before[table]]
            assert changed == [], f"refused POST {name} ({response.status_code}) wrote to {changed}"
            assert set(media.rglob("*")) == on_disk, f"refused POST {name} left files on disk"
        transaction.set_rollback(True)
    for path in sorted(set(media.rglob("*")) - on_disk, reverse=True):  # an accepted example's files
        path.unlink() if path.is_file() else path.rmdir()


# Besides the random examples, once per form: the same value in every field at once (what a database refuses,
# a NUL byte on PostgreSQL or an id beyond bigint, must be refused by the form first), so both databases always
# see these whatever hypothesis draws.
EVERYWHERE = ["a\x00b", "99999999999999999999", ""]


@pytest.mark.parametrize("name", CASES)
@FUZZ
@given(data=st.data())
def test_bad_input_is_never_a_500_nor_a_partial_write(name, world, login, media, data):
    client, url, fields, files, before, on_disk = _prepare(name, world, login, media)
    if not hasattr(world, "_fuzz_everywhere"):
        world._fuzz_everywhere = True
        for value in EVERYWHERE:
            payload = {field: value for field in [*fields, *EXTRA_NAMES]}
            _post_and_check(name, client, url, payload, before, on_disk, media)
    payload = data.draw(form_data(fields, files), label="POST")
    _post_and_check(name, client, url, payload, before, on_disk, media)
