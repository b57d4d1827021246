"""The one API, assembled from each app's router, at /api/v1/."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kopdes.accounts.api import API_AUTH
from kopdes.accounts.api import router as accounts_router
from kopdes.cooperatives.api import router as cooperatives_router
from kopdes.core.api import router as core_router
from kopdes.core.errors import DomainError
from kopdes.ledger.api import router as ledger_router

api = NinjaAPI(
    title="Kopdes API",
    version="1",
    description=(
        "API Kopdes untuk koperasi dan Dinas. Masuk dengan sesi (sertakan token CSRF) "
        "atau token pribadi: `Authorization: Bearer kpd_…` dari halaman Akun saya. "
        "Semua pesan kesalahan dalam Bahasa Indonesia dengan nama field yang salah."
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


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status_code)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Tidak ditemukan.", "field": None, "code": "not_found"}, status=404
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": "Belum masuk, token tidak valid, atau token CSRF tidak ada.",
            "field": None,
            "code": "unauthenticated",
        },
        status=401,
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in str(exc):
        body = {
            "detail": "Permintaan ditolak: token CSRF tidak ada atau tidak cocok.",
            "field": None,
            "code": "csrf_failed",
        }
    else:
        body = {"detail": str(exc), "field": None, "code": f"http_{exc.status_code}"}
    return api.create_response(request, body, status=exc.status_code)


_PYDANTIC_MESSAGES = {
    "missing": "wajib diisi",
    "int_parsing": "harus berupa bilangan bulat",
    "int_type": "harus berupa bilangan bulat",
    "string_type": "harus berupa teks",
    "bool_parsing": "harus benar atau salah",
    "date_from_datetime_parsing": "harus berupa tanggal (YYYY-MM-DD)",
    "date_parsing": "harus berupa tanggal (YYYY-MM-DD)",
    "json_invalid": "JSON tidak valid",
}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "query", "path", "payload")
        ]
        field = ".".join(location) or None
        reason = _PYDANTIC_MESSAGES.get(error.get("type", ""), "tidak valid")
        errors.append({"field": field, "message": f"{field or 'Data'} {reason}."})
    first = errors[0]["message"] if errors else "Data tidak valid."
    return api.create_response(
        request,
        {
            "detail": first,
            "field": errors[0]["field"] if errors else None,
            "code": "invalid",
            "errors": errors,
        },
        status=422,
    )
