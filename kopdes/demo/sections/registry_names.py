"""Names for the demo officers: local (Paser, Banjar, Bugis, Kutai) and migrants' home regions."""

from __future__ import annotations

import random

_LOCAL_MEN = [
    "Ahmad",
    "Muhammad",
    "Abdul",
    "Syamsuddin",
    "Hasanuddin",
    "Rahmat",
    "Arsyad",
    "Jumadi",
    "Andi",
    "Rusli",
    "Baharuddin",
    "Saiful",
    "Fadli",
    "Hendra",
    "Irwan",
    "Iskandar",
    "Syahrani",
    "Taufik",
    "Yusran",
    "Zainal",
    "Gusti",
    "Daeng",
    "Amiruddin",
    "Kaharuddin",
]
_LOCAL_WOMEN = [
    "Siti",
    "Nurhayati",
    "Rahmawati",
    "Fatimah",
    "Hasnah",
    "Nurul",
    "Aminah",
    "Rosita",
    "Mariani",
    "Jumiati",
    "Syarifah",
    "Halimah",
    "Norhasanah",
    "Rusmini",
    "Hadijah",
    "Wahyuni",
]
_LOCAL_SECOND = [
    "Rahman",
    "Hidayat",
    "Saleh",
    "Nur",
    "Ramli",
    "Mansyur",
    "Ismail",
    "Basri",
    "Jafar",
    "Hamzah",
    "Sulaiman",
    "Idris",
    "Anwar",
    "Yusuf",
    "Fauzi",
    "Arifin",
    "Noor",
    "Aini",
]
_JAVA_MEN = [
    "Sugeng",
    "Slamet",
    "Sutrisno",
    "Suparman",
    "Bambang",
    "Joko",
    "Budi",
    "Wahyudi",
    "Agus",
    "Eko",
    "Sunardi",
    "Tri",
    "Heru",
    "Purwanto",
    "Sukardi",
    "Mulyono",
    "Darmaji",
    "Suyitno",
]
_JAVA_WOMEN = [
    "Sri",
    "Tumini",
    "Suharti",
    "Wulan",
    "Endang",
    "Sumiati",
    "Rini",
    "Yuliana",
    "Suwarni",
    "Dwi",
    "Lestari",
    "Puji",
    "Murni",
    "Sulastri",
]
_JAVA_SECOND = [
    "Santoso",
    "Wibowo",
    "Susanto",
    "Hartono",
    "Prasetyo",
    "Setiawan",
    "Kurniawan",
    "Utomo",
    "Wahyuningsih",
    "Rahayu",
    "Handayani",
    "Purnomo",
    "Widodo",
    "Saputra",
]
_NTB_MEN = ["Lalu", "Zainuddin", "Muhzan", "Sahnan", "Amaq", "Jumahir", "Sapran"]
_NTB_WOMEN = ["Baiq", "Inaq", "Rohani", "Sumarni", "Marni"]
_NTB_SECOND = ["Hamdi", "Sahirudin", "Abdullah", "Maskur", "Ridwan", "Sarifudin"]

_NOTARIES = [
    "Hj. Nurlaila Hasan, S.H., M.Kn.",
    "Andi Rachmat Saleh, S.H., M.Kn.",
    "Dewi Kartika Sari, S.H., M.Kn.",
]


def full_name(rng: random.Random, *, female: bool, origin: str) -> str:
    """A plausible name for someone whose NIK was issued in ``origin`` (a regency code)."""
    if origin.startswith(("33", "35")):
        first, second = (_JAVA_WOMEN if female else _JAVA_MEN), _JAVA_SECOND
    elif origin.startswith("52"):
        first, second = (_NTB_WOMEN if female else _NTB_MEN), _NTB_SECOND
    else:
        first, second = (_LOCAL_WOMEN if female else _LOCAL_MEN), _LOCAL_SECOND
    return f"{rng.choice(first)} {rng.choice(second)}"


def notary(rng: random.Random) -> str:
    return rng.choice(_NOTARIES)
