"""The editor of `handbook serve`: forms for records, saved through the checks of `handbook check`.

It sits in front of the preview's web server (a WSGI wrapper): its own pages live under /_editor/,
and every HTML page the preview serves gets a small toolbar (编辑 for a record's page, 新建 for each
kind) and, after a save that failed the checks, an overlay with the messages. A built site never
passes through here, so it never carries an edit control.

Only the person running the preview may use it: the server listens on 127.0.0.1, this wrapper
refuses other Host names (a web page cannot rebind a name to 127.0.0.1 and read the preview) and
posts from other origins or without the session's random token, and it writes only record files
inside content/, never through a link that leads outside.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator.atomic import atomic_write_bytes
from generator.authoring.candidate import Placed, new_problems, place_problems
from generator.authoring.fields import FieldSpec, fields_of
from generator.authoring.form import clean, collect, parse
from generator.authoring.scaffold import organisation, record_path, taken_ids
from generator.authoring.skeleton import Filled, new_id, skeleton
from generator.authoring.yamledit import updated_front_matter, updated_yaml
from generator.cache import TEMPLATES as SHIPPED_TEMPLATES
from generator.errors import ContentError, Problem
from generator.load.reader import parse_front_matter, parse_yaml, read_text
from generator.model.kinds import KIND_NAMES, KINDS
from generator.model.records import AUDIENCE_NAMES, AUDIENCE_RANK, DOCUMENT_TYPE_NAMES

TEMPLATES = SHIPPED_TEMPLATES / "editor"
PREFIX = "/_editor/"
MAX_POST_BYTES = 2 * 1024 * 1024
ASSETS = {"editor.js": "application/javascript", "editor.css": "text/css"}
BUILD_WAIT_SECONDS = 120.0

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class PreviewState(Protocol):
    """What the editor needs from the preview (generator/site/serve.py's Preview)."""

    root: Path
    audience: str
    failed: list[Problem]

    def record_pages(self) -> dict[str, tuple[str, str]]: ...  # URL path → (record id, kind)
    def record(self, record_id: str) -> Any: ...  # the loaded Item, or None
    def builds_started(self) -> int: ...
    def wait_for_build(self, after: int, timeout: float) -> None: ...


class Refused(Exception):
    """A request the editor will not serve: (HTTP status, Chinese reason)."""


@dataclass
class Response:
    status: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None


@dataclass
class Record:
    """What one form edits: kind, the file (existing or to be), its text now, and its values."""

    kind: str
    record_id: str | None  # None for a record not yet saved
    path: Path | None
    text: str
    data: dict[str, Any]
    body: str = ""

    @property
    def specs(self) -> tuple[FieldSpec, ...]:
        return fields_of(KINDS[self.kind])

    @property
    def is_page(self) -> bool:
        return self.kind == "page"

    @property
    def audience(self) -> str:
        default = "restricted" if self.kind == "habit" else "internal"
        return str(self.data.get("audience") or default)


class Editor:
    """One preview session's editor: its token, its templates, and the lock that orders saves."""

    def __init__(self, preview: PreviewState, port: int) -> None:
        self.preview = preview
        self.token = secrets.token_urlsafe(32)
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}
        self.saving = threading.Lock()
        self.templates = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                                     trim_blocks=True, lstrip_blocks=True)
        self.templates.filters["shown"] = _shown

    # ------------------------------------------------------------------ WSGI
    def wrap(self, site: App) -> App:
        """The preview's app with the editor in front: its routes, and its toolbar on every page."""

        def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
            try:
                if environ.get("HTTP_HOST") not in self.hosts:
                    raise Refused("403 Forbidden", "只接受本机地址 127.0.0.1 的访问")
                if path.startswith(PREFIX):
                    return self._send(start_response, self.route(environ, path[len(PREFIX):]))
            except Refused as refused:
                status, reason = refused.args
                return self._send(start_response, Response(status, self._page("refused.html", reason=reason)))
            return self._decorate(site, environ, start_response, path)

        return app

    def _send(self, start_response: StartResponse, response: Response) -> list[bytes]:
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(response.body))),
                   ("Cache-Control", "no-store"), ("X-Frame-Options", "DENY"),
                   ("Content-Security-Policy", "frame-ancestors 'none'")]
        if response.location:
            headers.append(("Location", response.location))
        start_response(response.status, headers)
        return [response.body]

    def _decorate(self, site: App, environ: dict[str, Any], start_response: StartResponse, path: str) -> Iterable[bytes]:
        """Serve a preview page; add the toolbar (and the overlay after a failed save) to HTML."""
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            captured.update(status=status, headers=headers)
            return lambda data: None

        result = site(environ, capture)
        headers = captured["headers"]
        is_html = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
        if not (is_html and captured["status"].startswith("200")):
            start_response(captured["status"], headers)
            return result
        try:
            page = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        page = self.decorated(page, path)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(page)))])
        return [page]

    def decorated(self, page: bytes, path: str) -> bytes:
        """A preview page with the editor's toolbar and, while content is broken, the overlay."""
        record = self.preview.record_pages().get(path)
        html = self._page("toolbar.html", record_id=record[0] if record else None,
                          kinds={kind: KIND_NAMES[kind] for kind in KINDS},
                          failed=[str(problem) for problem in self.preview.failed])
        end = page.rfind(b"</body>")
        end = len(page) if end < 0 else end
        return page[:end] + html + page[end:]

    # ------------------------------------------------------------------ routes
    def route(self, environ: dict[str, Any], route: str) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        name, _, rest = route.partition("/")
        rest = urllib.parse.unquote(rest)
        if method == "POST" and name == "save":
            return self.save(self._posted(environ))
        if method != "GET":
            raise Refused("405 Method Not Allowed", "不支持这种请求")
        if name in ASSETS and not rest:
            return Response("200 OK", (TEMPLATES / name).read_bytes(), ASSETS[name])
        if name == "edit":
            return self.form(self._existing(rest))
        if name == "new" and rest in KINDS:
            return self.form(self._blank(rest))
        if name == "goto":
            query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
            return self.goto(rest, int((query.get("after") or ["0"])[0] or 0))
        raise Refused("404 Not Found", "没有这个页面")

    def _posted(self, environ: dict[str, Any]) -> dict[str, list[str]]:
        """The posted form, once it is known to come from this session's own pages."""
        origin = environ.get("HTTP_ORIGIN")
        if origin not in self.origins:
            raise Refused("403 Forbidden", "拒绝保存：请求不是从本机预览页面发出的")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_POST_BYTES:
            raise Refused("413 Payload Too Large", "提交的内容太大")
        fields = collect(urllib.parse.parse_qsl(environ["wsgi.input"].read(length).decode("utf-8", "replace"),
                                                keep_blank_values=True))
        if not secrets.compare_digest((fields.get("token") or [""])[0], self.token):
            raise Refused("403 Forbidden", "拒绝保存：页面已过期或不是本次预览打开的，请刷新编辑页后再保存")
        return fields

    # ------------------------------------------------------------------ records
    def _existing(self, record_id: str) -> Record:
        item = self.preview.record(record_id)
        if item is None or item.kind not in KINDS:
            raise Refused("404 Not Found", f"本预览中没有编号为“{record_id}”的记录")
        path = self._writable(item.path, item.kind)
        text = read_text(path.read_bytes(), item.display)
        return _record(item.kind, record_id, path, text, item.display)

    def _blank(self, kind: str) -> Record:
        text = skeleton(kind, Filled(issuer=organisation(self.preview.root)), for_editor=True)
        return _record(kind, None, None, text, kind)

    def _writable(self, path: Path, kind: str) -> Path:
        """path, when it is a record file of kind inside content/ and not a link leading elsewhere."""
        folder = record_path(self.preview.root, kind, "x").parent
        content = (self.preview.root / "content").resolve()
        if path.is_symlink() or path.parent.resolve() != folder.resolve() or not folder.resolve().is_relative_to(content):
            raise Refused("403 Forbidden", f"不能通过预览修改“{path.name}”：只能修改 content/ 中的记录文件")
        return path

    # ------------------------------------------------------------------ pages
    def form(self, record: Record, placed: Placed | None = None, values: dict[str, Any] | None = None,
             chosen_audience: str | None = None, status: str = "200 OK") -> Response:
        data = values if values is not None else record.data
        body = values.get("body", record.body) if values is not None else record.body
        html = self._page(
            "form.html", record=record, specs=record.specs, data=data, body=body, token=self.token,
            kind_name=KIND_NAMES[record.kind], placed=placed or Placed(), audience_names=AUDIENCE_NAMES,
            choice_labels=DOCUMENT_TYPE_NAMES,
            audience=chosen_audience or record.audience, current_audience=record.audience,
            digest=_digest(record.text), title=_title(record.data) or "",
        )
        return Response(status, html)

    def goto(self, record_id: str, after: int) -> Response:
        """After a save: wait for the preview to rebuild, then open the record's page."""
        self.preview.wait_for_build(after, BUILD_WAIT_SECONDS)
        for url, (page_id, _) in self.preview.record_pages().items():
            if page_id == record_id:
                return Response("303 See Other", b"", location=url)
        html = self._page("saved.html", record_id=record_id, audience=AUDIENCE_NAMES.get(self.preview.audience, ""),
                          failed=[str(problem) for problem in self.preview.failed])
        return Response("200 OK", html)

    def _page(self, template: str, **context: Any) -> bytes:
        return self.templates.get_template(template).render(**context).encode("utf-8")

    # ------------------------------------------------------------------ saving
    def save(self, fields: dict[str, list[str]]) -> Response:
        kind = (fields.get("kind") or [""])[0]
        if kind not in KINDS:
            raise Refused("400 Bad Request", "不认识的记录种类")
        record_id = (fields.get("record") or [""])[0]
        record = self._existing(record_id) if record_id else self._blank(kind)
        specs = record.specs
        values = parse(specs, fields)
        if record.is_page:
            values["body"] = clean((fields.get("body") or [""])[0])
        placed = Placed()
        chosen = values.get("audience") or record.audience
        if chosen != record.audience and "confirm_audience" not in fields:
            placed.add("audience", _audience_change(record.audience, chosen, self.preview.audience))
        path, problem = self._target(record, fields, values)
        if problem:
            placed.add("id", problem)
        if record.path is not None and (fields.get("digest") or [""])[0] != _digest(record.text):
            placed.general.append("这个文件在打开编辑页之后被改动过（可能在文本编辑器中）：请刷新编辑页，在最新内容上修改")
        if path is None:
            return self.form(record, placed, values, chosen, "409 Conflict")
        record_values = {name: value for name, value in values.items() if name != "id"}
        if record.is_page:
            del record_values["body"]  # a chapter's body follows its front matter
            text = updated_front_matter(record.text, record_values, specs, values["body"])
        else:
            text = updated_yaml(record.text, record_values, specs)
        display = path.relative_to(self.preview.root).as_posix()
        with self.saving:
            before = record.text if record.path is not None else None
            problems = new_problems(self.preview.root, path, text, before)
            placed.merge(place_problems(problems, display, text, specs, record.is_page))
            if not placed and path.exists() and record.path is None:
                placed.add("id", f"“{display}”已经存在：不会覆盖，请换一个编号")
            if placed:
                return self.form(record, placed, values, chosen, "422 Unprocessable Entity")
            atomic_write_bytes(path, text.encode("utf-8"))
            after = self.preview.builds_started()
        saved_id = path.stem
        return Response("303 See Other", b"", location=f"{PREFIX}goto/{urllib.parse.quote(saved_id)}?after={after}")

    def _target(self, record: Record, fields: dict[str, list[str]], values: dict[str, Any]) -> tuple[Path | None, str]:
        """The file to write: the record's own, or for a new one a file named by its id (never an existing one)."""
        from generator.load import SAFE_ID

        if record.path is not None:
            return record.path, ""
        title = values.get("person" if record.kind == "habit" else "title") or ""
        record_id = (fields.get("id") or [""])[0].strip() or new_id(record.kind, title or None, date.today())
        if not SAFE_ID.match(record_id):
            return None, f"编号“{record_id}”不合规：只能用字母、数字、汉字、- 和 _，不能有斜杠或“..”"
        taken = taken_ids(self.preview.root, record.kind).get(record_id)
        if taken is not None:
            shown = taken.relative_to(self.preview.root).as_posix()
            return None, f"编号“{record_id}”已被 {shown} 使用：请在“编号”中另起一个"
        return self._writable(record_path(self.preview.root, record.kind, record_id), record.kind), ""


def _record(kind: str, record_id: str | None, path: Path | None, text: str, display: str) -> Record:
    """Read a record's current values from its text with the same reader `handbook check` uses."""
    try:
        if kind == "page":
            data, _, body, _ = parse_front_matter(text, display)
            return Record(kind, record_id, path, text, data if isinstance(data, dict) else {}, body.strip("\n"))
        data, _ = parse_yaml(text, display)
    except ContentError as error:
        raise Refused("409 Conflict", "这个文件现在有错误，请先在文本编辑器中改正：" + "；".join(map(str, error.problems))) from None
    return Record(kind, record_id, path, text, data if isinstance(data, dict) else {})


def _audience_change(current: str, chosen: str, edition: str) -> str:
    before, after = AUDIENCE_NAMES[current], AUDIENCE_NAMES[chosen]
    if AUDIENCE_RANK[chosen] < AUDIENCE_RANK[current]:
        change = f"读者范围将从“{before}”放宽为“{after}”，会让更多人看到这条记录。"
    else:
        change = f"读者范围将从“{before}”收窄为“{after}”。"
        if AUDIENCE_RANK[chosen] > AUDIENCE_RANK[edition]:
            change += f"本预览（{AUDIENCE_NAMES[edition]}版）将不再显示它。"
    return change + "确认无误，请勾选“确认修改读者范围”后再保存"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _title(data: dict[str, Any]) -> Any:
    return data.get("title") or data.get("person")


def _shown(value: Any) -> str:
    """A value as a form field shows it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else ""
    return str(value)
