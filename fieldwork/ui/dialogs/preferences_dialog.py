"""Preferences: the inspector, locking, recent notebooks, backups and appearance."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldwork.runtime.preferences import Preferences
from fieldwork.ui.screens.start_screen import align_form_labels, plain_label

MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL")
THEMES = (("system", "Same as the system"), ("light", "Light"), ("dark", "Dark"))


def _spin(name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(min(max(value, low), high))
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    spin.setMinimumWidth(140)
    return spin


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setContentsMargins(14, 12, 14, 12)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(8)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


def _row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> None:
    label = QLabel(text)
    label.setBuddy(buddy or field)
    form.addRow(label, field)


class PreferencesDialog(QDialog):
    """Edits a copy; `result_preferences()` returns the new values for the caller to save."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.setMinimumWidth(560)
        self._original = preferences
        self._recent = preferences.recent_notebooks

        # --- you and your evidence --------------------------------------------------
        self.inspector_name = QLineEdit(preferences.inspector_name)
        self.inspector_name.setAccessibleName("Inspector name")
        self.inspector_name.setPlaceholderText("As it should appear on evidence packs")
        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.addItems(MARKINGS)
        self.marking.setCurrentText(preferences.default_marking)
        self.marking.setAccessibleName("Default marking")
        self.marking.setMinimumWidth(220)
        self.caseload = _spin(
            "Caseload threshold", 1, 200, preferences.caseload_threshold, " children"
        )
        self.caseload.setToolTip("Caseloads above this are highlighted in the evidence pack.")
        self.suggestions = QCheckBox("Suggest &criteria while I type a note")
        self.suggestions.setChecked(preferences.suggestions)
        self.suggestions.setAccessibleName("Suggest criteria while typing")
        evidence = QGroupBox("Inspector and evidence")
        form = _form(evidence)
        _row(form, "&Inspector name:", self.inspector_name)
        _row(form, "Default &marking:", self.marking)
        _row(form, "Case&load threshold:", self.caseload)
        form.addRow("", self.suggestions)

        # --- privacy ----------------------------------------------------------------
        self.idle_lock = _spin(
            "Lock after minutes without use", 1, 120, preferences.idle_lock_minutes, " minutes"
        )
        self.retention = _spin(
            "Retention period in days", 1, 3650, preferences.retention_days, " days"
        )
        self.retention.setToolTip(
            "After this many days from the last day on site, Fieldwork reminds you to delete the "
            "inspection."
        )
        self.keep_recent = QCheckBox("Kee&p a list of recent notebooks")
        self.keep_recent.setChecked(preferences.keep_recent)
        self.keep_recent.setAccessibleName("Keep a list of recent notebooks")
        self.clear_recent = QPushButton("Clea&r list")
        self.clear_recent.setAccessibleName("Clear the list of recent notebooks")
        self.clear_recent.clicked.connect(self._clear_recent)
        self.recent_note = plain_label(muted=True, wrap=False)
        recent_row = QHBoxLayout()
        recent_row.setSpacing(10)
        recent_row.addWidget(self.clear_recent)
        recent_row.addWidget(self.recent_note)
        recent_row.addStretch(1)
        self.keep_recent.toggled.connect(self._update_recent)
        privacy = QGroupBox("Privacy")
        form = _form(privacy)
        _row(form, "Loc&k after:", self.idle_lock)
        _row(form, "Keep inspections &for:", self.retention)
        form.addRow("Recent notebooks:", self.keep_recent)
        form.addRow("", recent_row)

        # --- backups ----------------------------------------------------------------
        self.backup_folder = QLineEdit(preferences.backup_folder)
        self.backup_folder.setAccessibleName("Backup folder")
        self.backup_folder.setPlaceholderText("Fieldwork's own data folder")
        self.backup_folder.setClearButtonEnabled(True)
        self.choose_backup = QPushButton("C&hoose…")
        self.choose_backup.setAccessibleName("Choose a backup folder")
        self.choose_backup.clicked.connect(self._choose_backup_folder)
        folder_row = QHBoxLayout()
        folder_row.setSpacing(6)
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(self.choose_backup)
        self.backup_count = _spin("Backups to keep", 1, 100, preferences.backup_count, " backups")
        backups = QGroupBox("Backups")
        form = _form(backups)
        label = QLabel("Backup f&older:")
        label.setBuddy(self.backup_folder)
        form.addRow(label, folder_row)
        _row(form, "Keep the &newest:", self.backup_count)

        # --- appearance -------------------------------------------------------------
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for theme_id, text in THEMES:
            self.theme.addItem(text, theme_id)
        self.theme.setCurrentIndex(max(self.theme.findData(preferences.theme), 0))
        appearance = QGroupBox("Appearance")
        form = _form(appearance)
        _row(form, "&Theme:", self.theme)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        forms = (box.layout() for box in (evidence, privacy, backups, appearance))
        align_form_labels(*(form for form in forms if isinstance(form, QFormLayout)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(14)
        for box in (evidence, privacy, backups, appearance):
            layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)  # once inside
        self._update_recent()
        self.inspector_name.setFocus()

    def _clear_recent(self) -> None:
        self._recent = ()
        self._update_recent()

    def _update_recent(self) -> None:
        count = len(self._recent) if self.keep_recent.isChecked() else 0
        self.clear_recent.setEnabled(count > 0)
        self.recent_note.setText(f"{count} in the list" if count else "The list is empty")

    def _choose_backup_folder(self) -> None:
        current = Path(self.backup_folder.text()).expanduser()
        # Qt's own dialog: a native one can record the path among the desktop's recent files.
        chosen = QFileDialog.getExistingDirectory(
            self,
            "Choose a folder for backups",
            str(current if current.is_dir() else Path.home()),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if chosen:
            self.backup_folder.setText(chosen)

    def result_preferences(self) -> Preferences:
        keep = self.keep_recent.isChecked()
        return replace(
            self._original,
            inspector_name=self.inspector_name.text().strip(),
            default_marking=self.marking.currentText().strip() or MARKINGS[0],
            idle_lock_minutes=self.idle_lock.value(),
            backup_folder=self.backup_folder.text().strip(),
            backup_count=self.backup_count.value(),
            retention_days=self.retention.value(),
            caseload_threshold=self.caseload.value(),
            keep_recent=keep,
            recent_notebooks=self._recent if keep else (),
            theme=str(self.theme.currentData()),
            suggestions=self.suggestions.isChecked(),
        )
