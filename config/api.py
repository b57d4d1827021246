"""The one API, assembled from each app's router, at /api/v1/, and its error shape.

Every error on an ``/api/`` path is JSON ``{"detail", "field", "code"}``
(``docs/ledger.md``, section "API": the code list), in Bahasa Indonesia:

- a ``DomainError`` from a service keeps its message, field and code (a code
  left at its class name becomes snake case: ``PeriodError`` -> ``period_error``);
- a schema error becomes a sentence naming the field ("Jumlah debit pada
  baris 1 harus berupa angka bulat sen."), every one listed under ``errors``;
- malformed JSON, unknown paths, wrong methods and unexpected exceptions
  (logged, status 500, code ``server_error``) answer JSON too: the handlers
  here cover what happens inside the API, ``ApiErrorMiddleware`` what happens
  around it (a path no router knows, an error page from Django).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kopdes.accounts.api import API_AUTH
from kopdes.accounts.api import router as accounts_router
from kopdes.cooperatives.api import router as cooperatives_router
from kopdes.core.api import router as core_router
from kopdes.core.errors import DomainError
from kopdes.core.money import MAX_SEN, format_rupiah
from kopdes.ledger.api import router as ledger_router

logger = logging.getLogger("kopdes.api")

API_PREFIX = "/api/"

api = NinjaAPI(
    title="Kopdes API",
    version="1",
    description=(
        "API Kopdes untuk koperasi dan Dinas. Masuk dengan sesi (sertakan token CSRF) "
        "atau token pribadi: `Authorization: Bearer kpd_…` dari halaman Akun saya. "
        "Semua pesan kesalahan dalam Bahasa Indonesia dengan nama field yang salah: "
        '`{"detail": …, "field": …, "code": …}`. Jumlah uang dalam sen (bilangan bulat).'
    ),
    auth=API_AUTH,
    urls_namespace="api",
    # The docs and schema are read-only pages: refuse other methods.
    docs_decorator=require_GET,
)
api.add_router("/", accounts_router)
api.add_router("/", core_router)
api.add_router("/", cooperatives_router)
api.add_router("/", ledger_router)


def error_body(detail: str, code: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"detail": detail, "field": field, "code": code, **extra}


# --- Domain errors ------------------------------------------------------------------------

_GENERIC_CODES = {
    "DomainError": "invalid",
    "LedgerError": "invalid",
    "NotFound": "not_found",
    "Conflict": "conflict",
    "UnbalancedEntry": "unbalanced",
}


def domain_code(exc: DomainError) -> str:
    """The error's code; one left at its class name becomes snake case."""
    name = type(exc).__name__
    if exc.code and exc.code != name:
        return exc.code
    return _GENERIC_CODES.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def domain_body(exc: DomainError) -> dict[str, Any]:
    body = error_body(exc.message, domain_code(exc), exc.field)
    problems = getattr(exc, "problems", None)
    if isinstance(problems, list):
        body["problems"] = [str(problem) for problem in problems]
    row_errors = getattr(exc, "errors", None)
    if isinstance(row_errors, list) and all(hasattr(e, "row") for e in row_errors):
        body["errors"] = [{"row": e.row, "message": str(e)} for e in row_errors]
    return body


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, domain_body(exc), status=exc.status_code)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error_body(_("Tidak ditemukan."), "not_found"), status=404)


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # access.require_in_scope: the user sees the cooperative but may not do this.
    detail = str(exc) or _("Anda hanya dapat melihat data ini.")
    return api.create_response(request, error_body(detail, "forbidden"), status=403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        error_body(
            _("Belum masuk, token tidak valid, atau token CSRF tidak ada."), "unauthenticated"
        ),
        status=401,
    )


def invalid_json_body() -> dict[str, Any]:
    return error_body(
        _("Isi permintaan bukan JSON yang sah; kirim satu objek JSON (Content-Type: "
          "application/json)."),
        "invalid_json",
        "body",
    )  # fmt: skip


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 403 and "CSRF" in message:
        body = error_body(
            _("Permintaan ditolak: token CSRF tidak ada atau tidak cocok."), "csrf_failed"
        )
    elif exc.status_code == 400 and message.startswith("Cannot parse request body"):
        body = invalid_json_body()
    else:
        body = status_body(exc.status_code)
    return api.create_response(request, body, status=exc.status_code)


# --- Schema errors as sentences -------------------------------------------------------------

# Labels for the fields the API takes; a field without one is named as it is
# spelled (query parameters such as ``level``).
FIELD_LABELS: dict[str, Callable[[], str]] = {
    "debit_sen": lambda: _("Jumlah debit"),
    "credit_sen": lambda: _("Jumlah kredit"),
    "amount_sen": lambda: _("Jumlah"),
    "business_date": lambda: _("Tanggal"),
    "memo": lambda: _("Keterangan"),
    "account": lambda: _("Akun"),
    "counter_account": lambda: _("Akun lawan"),
    "cash_account": lambda: _("Akun kas/bank"),
    "business_unit": lambda: _("Unit usaha"),
    "direction": lambda: _("Jenis kas"),
    "lines": lambda: _("Baris jurnal"),
    "rows": lambda: _("Baris saldo awal"),
    "parent": lambda: _("Akun induk"),
    "code": lambda: _("Kode akun"),
    "name": lambda: _("Nama akun"),
    "reason": lambda: _("Alasan"),
    "reference": lambda: _("Referensi keputusan RAT"),
    "note": lambda: _("Catatan keputusan"),
    "member_number": lambda: _("Nomor anggota"),
    "source_ref": lambda: _("Referensi sumber"),
}

_LOCATION_ROOTS = {"body", "query", "path", "payload", "header", "cookie", "form", "file"}


def _field_path(location: list[Any]) -> str | None:
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or None


def _label(location: list[Any]) -> str:
    names = [part for part in location if isinstance(part, str)]
    rows = [part for part in location if isinstance(part, int)]
    if not names:
        return _("Data")
    last = names[-1]
    label = FIELD_LABELS[last]() if last in FIELD_LABELS else last
    if rows:
        label = _("%(label)s pada baris %(row)s") % {"label": label, "row": rows[-1] + 1}
    return label


def _is_money(location: list[Any]) -> bool:
    names = [part for part in location if isinstance(part, str)]
    return bool(names) and names[-1].endswith("_sen")


def _reason(error: dict[str, Any], money: bool) -> tuple[str, str]:
    """(reason phrase, short code) for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("wajib diisi"), "required"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if money:
            return _("harus berupa angka bulat sen"), "not_integer"
        return _("harus berupa bilangan bulat"), "not_integer"
    limit = ctx.get("le", ctx.get("lt"))
    if kind == "int_parsing_size" or (
        kind in ("less_than_equal", "less_than") and money and limit == MAX_SEN
    ):
        if money:
            return (
                _("terlalu besar; paling banyak %(max)s sen (%(rupiah)s)")
                % {"max": f"{MAX_SEN:,}".replace(",", "."), "rupiah": format_rupiah(MAX_SEN)},
                "too_large",
            )
        return _("terlalu besar"), "too_large"
    if kind in ("less_than_equal", "less_than"):
        return _("paling besar %(limit)s") % {"limit": limit}, "too_large"
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        if money and limit == 0:
            return _("tidak boleh negatif"), "too_small"
        return _("paling kecil %(limit)s") % {"limit": limit}, "too_small"
    if kind in ("string_type", "string_unicode"):
        return _("harus berupa teks"), "not_text"
    if kind == "string_too_long":
        return _("paling panjang %(n)s karakter") % {"n": ctx.get("max_length")}, "too_long"
    if kind == "string_too_short":
        return _("paling sedikit %(n)s karakter") % {"n": ctx.get("min_length")}, "too_short"
    if kind == "too_short":
        return _("paling sedikit %(n)s baris") % {"n": ctx.get("min_length")}, "too_short"
    if kind == "too_long":
        return _("paling banyak %(n)s baris") % {"n": ctx.get("max_length")}, "too_long"
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("harus berupa tanggal (YYYY-MM-DD)"), "not_date"
    if kind in ("bool_parsing", "bool_type"):
        return _("harus benar atau salah (true/false)"), "not_boolean"
    if kind in ("literal_error", "enum"):
        return _("harus salah satu dari: %(choices)s") % {
            "choices": ctx.get("expected", "")
        }, "not_choice"
    if kind == "list_type":
        return _("harus berupa daftar"), "not_list"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("harus berupa objek JSON"), "not_object"
    if kind == "extra_forbidden":
        return _("tidak dikenal"), "unknown_field"
    return _("tidak valid"), "invalid"


def describe_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic/ninja errors as {field, message, code}, one Indonesian sentence each."""
    described = []
    for error in errors:
        location = [part for part in error.get("loc", ()) if part not in _LOCATION_ROOTS]
        reason, code = _reason(error, _is_money(location))
        described.append(
            {
                "field": _field_path(location),
                "message": _("%(label)s %(reason)s.")
                % {"label": _label(location), "reason": reason},
                "code": code,
            }
        )
    return described


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if any(error.get("type") == "json_invalid" for error in exc.errors):
        return api.create_response(request, invalid_json_body(), status=400)
    errors = describe_errors(exc.errors)
    detail = str(errors[0]["message"]) if errors else _("Data tidak valid.")
    field = errors[0]["field"] if errors else None
    return api.create_response(
        request,
        error_body(detail, "invalid", field, errors=errors),
        status=422,
    )


# --- Everything else ------------------------------------------------------------------------


def server_error_body() -> dict[str, Any]:
    return error_body(
        _("Terjadi kesalahan pada server. Permintaan tidak diproses; coba lagi atau hubungi "
          "admin Dinas bila berulang."),
        "server_error",
    )  # fmt: skip


_STATUS_TEXTS: dict[int, tuple[Callable[[], str], str]] = {
    400: (lambda: _("Permintaan tidak valid."), "bad_request"),
    401: (lambda: _("Belum masuk atau token tidak valid."), "unauthenticated"),
    403: (lambda: _("Anda hanya dapat melihat data ini."), "forbidden"),
    404: (lambda: _("Tidak ditemukan."), "not_found"),
    405: (lambda: _("Metode HTTP ini tidak diizinkan di alamat ini."), "method_not_allowed"),
    413: (lambda: _("Isi permintaan terlalu besar."), "too_large"),
    429: (lambda: _("Terlalu banyak permintaan; coba lagi sebentar lagi."), "throttled"),
    500: (lambda: server_error_body()["detail"], "server_error"),
}


def status_body(status: int) -> dict[str, Any]:
    text, code = _STATUS_TEXTS.get(
        status, (lambda: _("Permintaan gagal (HTTP %(s)s).") % {"s": status}, f"http_{status}")
    )
    return error_body(text(), code)


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected error on %s %s", request.method, request.path, exc_info=exc)
    return api.create_response(request, server_error_body(), status=500)


class ApiErrorMiddleware:
    """On ``/api/`` paths: an exception or a non-JSON error page becomes the JSON error shape.

    Inside the API the handlers above answer; this covers what lies around it
    (a path no router knows, a 405 from the method check, an exception raised
    before or after a handler) so a client never parses an HTML page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and "json" not in response.get("Content-Type", "")
        ):
            replaced = JsonResponse(status_body(response.status_code), status=response.status_code)
            for header in ("Allow", "Retry-After", "WWW-Authenticate"):
                if header in response:
                    replaced[header] = response[header]
            return replaced
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        known = ((Http404, 404), (PermissionDenied, 403), ((BadRequest, SuspiciousOperation), 400))
        for kinds, status in known:
            if isinstance(exc, kinds):
                return JsonResponse(status_body(status), status=status)
        logger.exception("Unexpected error on %s %s", request.method, request.path, exc_info=exc)
        return JsonResponse(server_error_body(), status=500)
