"""Fill the palette with the code catalog's kinds; `manage.py sync_catalog` keeps it current afterwards."""

from django.db import migrations


def sync(apps, schema_editor):
    from designer.services.catalog import sync_catalog

    sync_catalog(model=apps.get_model("designer", "ComponentKind"))


class Migration(migrations.Migration):
    dependencies = [("designer", "0001_initial")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
