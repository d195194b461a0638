"""Backups of a library (database, originals, index) taken online, and their restore."""

from indexer.backup.parts import BackupError
from indexer.backup.restore import RestoreReport, restore_backup
from indexer.backup.take import BackupReport, take_backup

__all__ = ["BackupError", "BackupReport", "RestoreReport", "restore_backup", "take_backup"]
