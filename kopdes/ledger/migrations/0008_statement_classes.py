"""Statement classes for existing cooperatives (issue #7, docs/statements.md).

The direct-method cash flow needs finer cash-flow classes (anggota, pemasok,
karyawan, pajak, simpanan, hibah...) and the position needs inventory and
fixed assets as their own report groups. New cooperatives get them from the
default chart; this brings every existing chart to the same state:

- lists the new ``Account.cash_flow_class`` values (choices only: no SQL);
- adds the accounts the chart gained (2-2300 Hibah Pemerintah Ditangguhkan,
  7-1300 Pendapatan Hibah: ADR 0007);
- refines the class and report group of each default-chart account that still
  holds the coarse value it was seeded with (a cooperative's own choice is
  kept), and of each sub-account that still matches its parent;
- renames 3-1400 "Hibah" to say it holds balances from before SAK EP.
"""

from django.db import migrations, models

OLD_REPORT_GROUPS = {"persediaan": "aset_lancar", "aset_tetap": "aset_tidak_lancar"}
OLD_HIBAH_NAME = "Hibah"


def refine_charts(apps, schema_editor):
    from kopdes.ledger.chart import activity_of, default_chart, seed_chart

    Cooperative = apps.get_model("cooperatives", "Cooperative")
    Account = apps.get_model("ledger", "Account")
    rows = {row.code: row for row in default_chart()}
    for cooperative in Cooperative.objects.all():
        seed_chart(cooperative, account_model=Account)
        changed = {}  # account id -> (old class, old group, new class, new group)
        for account in Account.objects.filter(cooperative_id=cooperative.pk).order_by("code"):
            old = (account.cash_flow_class, account.report_group)
            old_name = account.name
            row = rows.get(account.code)
            if row is not None:
                if account.cash_flow_class and account.cash_flow_class == activity_of(
                    row.cash_flow_class
                ):
                    account.cash_flow_class = row.cash_flow_class
                if account.report_group == OLD_REPORT_GROUPS.get(row.report_group):
                    account.report_group = row.report_group
                if account.code == "3-1400" and account.name == OLD_HIBAH_NAME:
                    account.name = row.name
            elif account.parent_id in changed:
                parent_old_class, parent_old_group, new_class, new_group = changed[
                    account.parent_id
                ]
                if account.cash_flow_class == parent_old_class:
                    account.cash_flow_class = new_class
                if account.report_group == parent_old_group:
                    account.report_group = new_group
            if old != (account.cash_flow_class, account.report_group):
                changed[account.pk] = (*old, account.cash_flow_class, account.report_group)
            if account.pk in changed or account.name != old_name:
                account.save(update_fields=["cash_flow_class", "report_group", "name"])


class Migration(migrations.Migration):
    dependencies = [("ledger", "0007_reopen_requests")]

    operations = [
        migrations.AlterField(
            model_name="account",
            name="cash_flow_class",
            field=models.CharField(
                blank=True,
                choices=[
                    ("kas", "Kas dan setara kas"),
                    ("anggota", "Operasi: anggota"),
                    ("pelanggan", "Operasi: pelanggan non-anggota"),
                    ("pinjaman", "Operasi: pinjaman kepada anggota"),
                    ("pemasok", "Operasi: pemasok"),
                    ("karyawan", "Operasi: karyawan"),
                    ("beban", "Operasi: beban operasional"),
                    ("bunga", "Operasi: bunga dan jasa"),
                    ("pajak", "Operasi: pajak"),
                    ("operasi", "Operasi: lainnya"),
                    ("investasi", "Aktivitas investasi"),
                    ("simpanan", "Pendanaan: simpanan anggota"),
                    ("modal", "Pendanaan: modal penyertaan"),
                    ("hibah", "Pendanaan: hibah"),
                    ("utang", "Pendanaan: pinjaman yang diterima"),
                    ("shu", "Pendanaan: SHU dan dana-dana SHU"),
                    ("pendanaan", "Pendanaan: lainnya"),
                ],
                max_length=10,
                verbose_name="kelompok arus kas",
            ),
        ),
        migrations.RunPython(refine_charts, migrations.RunPython.noop),
    ]
