from django.urls import path

from kopdes.accounts import views
from kopdes.accounts.people import views as people

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
    # People and access (docs/tenancy.md): the district's logins, and each cooperative's.
    path("pengguna/", people.people_list, name="people"),
    path("pengguna/baru/", people.person_create, name="person_create"),
    path("pengguna/<int:pk>/", people.person_detail, name="person"),
    path("pengguna/<int:pk>/ubah/", people.person_edit, name="person_edit"),
    path("pengguna/<int:pk>/status/", people.person_status, name="person_status"),
    path("pengguna/<int:pk>/kata-sandi/", people.person_password, name="person_password"),
    path("pengguna/<int:pk>/2fa/", people.person_two_factor, name="person_two_factor"),
    path("pengguna/<int:pk>/peran/", people.person_grant, name="person_grant"),
    path(
        "pengguna/<int:pk>/peran/<int:grant_id>/akhiri/",
        people.person_grant_end,
        name="person_grant_end",
    ),
    path("k/<slug:slug>/pengguna/", people.people_list, name="coop_people"),
    path("k/<slug:slug>/pengguna/baru/", people.person_create, name="coop_person_create"),
    path("k/<slug:slug>/pengguna/<int:pk>/", people.person_detail, name="coop_person"),
    path("k/<slug:slug>/pengguna/<int:pk>/ubah/", people.person_edit, name="coop_person_edit"),
    path(
        "k/<slug:slug>/pengguna/<int:pk>/status/",
        people.person_status,
        name="coop_person_status",
    ),
    path(
        "k/<slug:slug>/pengguna/<int:pk>/kata-sandi/",
        people.person_password,
        name="coop_person_password",
    ),
    path("k/<slug:slug>/pengguna/<int:pk>/peran/", people.person_grant, name="coop_person_grant"),
    path(
        "k/<slug:slug>/pengguna/<int:pk>/peran/<int:grant_id>/akhiri/",
        people.person_grant_end,
        name="coop_person_grant_end",
    ),
]
