"""The four roles as data: a new database has them before anybody signs in.

Permissions are normally created after `migrate` has finished; the roles need them now, so this
creates them first. The groups' permissions come from qms/roles.py, which post_migrate keeps
applying afterwards, so a later change there needs no new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from qms.roles import sync_roles

    using = schema_editor.connection.alias
    for app_config in apps.get_app_configs():
        # create_permissions skips an app without a models module, as migration states have.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = models_module
    sync_roles(apps=apps, using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # After every app whose permissions the roles hold.
        ("qms", "0007_change_history"),
        ("certificates", "0002_change_history"),
        ("audits", "0004_change_history"),
    ]

    # Undoing it keeps the groups: accounts may already belong to them.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
