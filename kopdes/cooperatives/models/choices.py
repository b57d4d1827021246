"""The registry's vocabularies (choices), shared by models, services and selectors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StepKind(models.TextChoices):
    """Formation pipeline steps, in their order (docs/domain.md §1)."""

    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    MUSDESUS = "musdesus", _("Musyawarah Desa/Kelurahan Khusus")
    RAPAT_PENDIRIAN = "rapat_pendirian", _("Rapat pendirian (berita acara)")
    AKTA_PENDIRIAN = "akta_pendirian", _("Akta pendirian (notaris)")
    SK_AHU = "sk_ahu", _("Badan hukum (SK AHU)")
    NPWP = "npwp", _("NPWP")
    NIB = "nib", _("NIB (OSS)")
    NIK_KOPERASI = "nik_koperasi", _("Nomor Induk Koperasi")
    REKENING_BANK = "rekening_bank", _("Rekening bank")
    IZIN_USP = "izin_usp", _("Izin usaha simpan pinjam")
    OUTLET_LAHAN = "outlet_lahan", _("Lahan gerai teridentifikasi")
    OUTLET_PEMBANGUNAN = "outlet_pembangunan", _("Pembangunan gerai")
    OUTLET_SIAP = "outlet_siap", _("Gerai siap")
    BEROPERASI = "beroperasi", _("Beroperasi")


STEP_ORDER: tuple[str, ...] = tuple(StepKind.values)
STEP_INDEX: dict[str, int] = {kind: i for i, kind in enumerate(STEP_ORDER)}


class Stage(models.TextChoices):
    """Where a cooperative stands: no step yet, or the furthest step recorded."""

    BELUM_MULAI = "belum_mulai", _("Belum mulai")
    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    MUSDESUS = "musdesus", _("Musdesus")
    RAPAT_PENDIRIAN = "rapat_pendirian", _("Rapat pendirian")
    AKTA_PENDIRIAN = "akta_pendirian", _("Akta pendirian")
    SK_AHU = "sk_ahu", _("Berbadan hukum")
    NPWP = "npwp", _("NPWP")
    NIB = "nib", _("NIB")
    NIK_KOPERASI = "nik_koperasi", _("Nomor Induk Koperasi")
    REKENING_BANK = "rekening_bank", _("Rekening bank")
    IZIN_USP = "izin_usp", _("Izin USP")
    OUTLET_LAHAN = "outlet_lahan", _("Menunggu pembangunan gerai")
    OUTLET_PEMBANGUNAN = "outlet_pembangunan", _("Gerai dalam pembangunan")
    OUTLET_SIAP = "outlet_siap", _("Gerai siap")
    BEROPERASI = "beroperasi", _("Beroperasi")


class Phase(models.TextChoices):
    """A coarse grouping of stages for maps and counts (five colours, not fifteen).

    Each label must hold for every stage in its group (docs/registry.md), so the
    map, the list and the profile never contradict each other: "Menunggu
    gerai" covers a cooperative with its USP licence still looking for land
    and one whose land is found and waits for the building.
    """

    PEMBENTUKAN = "pembentukan", _("Pembentukan")
    LEGALITAS = "legalitas", _("Legalitas & perizinan")
    MENUNGGU_LAHAN = "menunggu_lahan", _("Menunggu gerai")
    PEMBANGUNAN = "pembangunan", _("Gerai dibangun atau siap")
    BEROPERASI = "beroperasi", _("Beroperasi")


STAGE_PHASE: dict[str, str] = {
    Stage.BELUM_MULAI: Phase.PEMBENTUKAN,
    Stage.SOSIALISASI: Phase.PEMBENTUKAN,
    Stage.MUSDESUS: Phase.PEMBENTUKAN,
    Stage.RAPAT_PENDIRIAN: Phase.PEMBENTUKAN,
    Stage.AKTA_PENDIRIAN: Phase.PEMBENTUKAN,
    # Legal entity done: waiting for tax/business numbers, then land.
    Stage.SK_AHU: Phase.LEGALITAS,
    Stage.NPWP: Phase.LEGALITAS,
    Stage.NIB: Phase.LEGALITAS,
    Stage.NIK_KOPERASI: Phase.LEGALITAS,
    Stage.REKENING_BANK: Phase.LEGALITAS,
    Stage.IZIN_USP: Phase.MENUNGGU_LAHAN,
    Stage.OUTLET_LAHAN: Phase.MENUNGGU_LAHAN,
    Stage.OUTLET_PEMBANGUNAN: Phase.PEMBANGUNAN,
    Stage.OUTLET_SIAP: Phase.PEMBANGUNAN,
    Stage.BEROPERASI: Phase.BEROPERASI,
}


class OfficerRole(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    WAKIL_KETUA_USAHA = "wakil_ketua_usaha", _("Wakil Ketua Bidang Usaha")
    WAKIL_KETUA_ANGGOTA = "wakil_ketua_anggota", _("Wakil Ketua Bidang Anggota")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    BENDAHARA = "bendahara", _("Bendahara")
    KETUA_PENGAWAS = "ketua_pengawas", _("Ketua Pengawas")
    ANGGOTA_PENGAWAS = "anggota_pengawas", _("Anggota Pengawas")
    MANAJER = "manajer", _("Manajer")
    KARYAWAN = "karyawan", _("Karyawan")


PENGURUS_ROLES: tuple[str, ...] = (
    OfficerRole.KETUA,
    OfficerRole.WAKIL_KETUA_USAHA,
    OfficerRole.WAKIL_KETUA_ANGGOTA,
    OfficerRole.SEKRETARIS,
    OfficerRole.BENDAHARA,
)
PENGAWAS_ROLES: tuple[str, ...] = (OfficerRole.KETUA_PENGAWAS, OfficerRole.ANGGOTA_PENGAWAS)
# Roles held by one person at a time. A board may have two wakil ketua of one
# field (that is how an even-sized board happens), and several anggota pengawas.
SINGLE_HOLDER_ROLES: frozenset[str] = frozenset(
    {
        OfficerRole.KETUA,
        OfficerRole.SEKRETARIS,
        OfficerRole.BENDAHARA,
        OfficerRole.KETUA_PENGAWAS,
        OfficerRole.MANAJER,
    }
)


class UnitKind(models.TextChoices):
    KANTOR = "kantor", _("Kantor koperasi")
    GERAI_SEMBAKO = "gerai_sembako", _("Gerai/kios sembako")
    SIMPAN_PINJAM = "simpan_pinjam", _("Unit simpan pinjam")
    KLINIK = "klinik", _("Klinik desa/kelurahan")
    APOTEK = "apotek", _("Apotek desa/kelurahan")
    GUDANG = "gudang", _("Pergudangan/cold storage")
    LOGISTIK = "logistik", _("Sarana logistik")
    AGEN_LPG = "agen_lpg", _("Agen LPG 3 kg")
    PUPUK = "pupuk", _("Pupuk bersubsidi")
    AGEN_KUR = "agen_kur", _("Agen KUR")
    LAINNYA = "lainnya", _("Lainnya")


# The seven units every KDKMP is expected to run (docs/domain.md §1).
STANDARD_UNIT_KINDS: tuple[str, ...] = (
    UnitKind.KANTOR,
    UnitKind.GERAI_SEMBAKO,
    UnitKind.SIMPAN_PINJAM,
    UnitKind.KLINIK,
    UnitKind.APOTEK,
    UnitKind.GUDANG,
    UnitKind.LOGISTIK,
)


class UnitStatus(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    PERSIAPAN = "persiapan", _("Persiapan")
    BEROPERASI = "beroperasi", _("Beroperasi")
    BERHENTI = "berhenti", _("Berhenti")


class DocumentPurpose(models.TextChoices):
    STEP = "step", _("Dokumen tahap pembentukan")
    RAT_MINUTES = "rat_minutes", _("Berita acara RAT")
    RAT_PENGURUS_REPORT = "rat_pengurus_report", _("Laporan pengurus")
    RAT_PENGAWAS_REPORT = "rat_pengawas_report", _("Laporan pengawas")


class ChangeSource(models.TextChoices):
    WEB = "web", _("Web")
    API = "api", _("API")
    COMMAND = "command", _("Perintah")
    DEMO = "demo", _("Data demo")


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Dibuat")
    UPDATE = "update", _("Diubah")
    DELETE = "delete", _("Dihapus")
