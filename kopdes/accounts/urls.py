from django.urls import path

from kopdes.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("akun/", views.profile, name="profile"),
    path("akun/kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/kata-sandi/selesai/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Everything under /akun/2fa/ stays reachable before the second factor
    # is passed (see middleware); each view checks what it needs itself.
    path("akun/2fa/", views.otp_status, name="otp_status"),
    path("akun/2fa/pasang/", views.otp_setup, name="otp_setup"),
    path("akun/2fa/verifikasi/", views.otp_verify, name="otp_verify"),
    path("akun/2fa/kode-pemulihan/", views.recovery_codes, name="recovery_codes"),
    path("akun/token/", views.api_tokens, name="api_tokens"),
    path("akun/token/<int:token_id>/cabut/", views.api_token_revoke, name="api_token_revoke"),
]
