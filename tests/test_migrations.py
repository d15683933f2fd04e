"""Migrations build the same schema as the models, from empty, on this database."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import MetaData, inspect

from consult.extensions import db


def test_upgrade_from_empty_matches_the_models(app):
    engine = db.engine
    existing = MetaData()
    existing.reflect(bind=engine)
    existing.drop_all(bind=engine)
    assert inspect(engine).get_table_names() == []

    upgrade()

    tables = set(inspect(engine).get_table_names())
    assert set(db.metadata.tables) <= tables and "alembic_version" in tables
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []
