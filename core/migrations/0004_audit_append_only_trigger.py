"""On PostgreSQL, the audit table refuses UPDATE and DELETE (append-only), except Django's
own `actor_id` set to NULL when the account is deleted (the address stays in
`actor_label`). Other databases rely on verify_audit's chain alone."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
       AND (NEW.id, NEW.kind, NEW.at, NEW.subject, NEW.client_ip, NEW.details::text,
            NEW.actor_label, NEW.previous_hash, NEW.hash)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.kind, OLD.at, OLD.subject, OLD.client_ip, OLD.details::text,
            OLD.actor_label, OLD.previous_hash, OLD.hash) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'le journal d''audit est en ajout seul : % refusé', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON {table};
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


def _run(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(apps.get_model("core", "AuditEvent")._meta.db_table)
        schema_editor.execute(sql.format(table=table), params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_chain")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
