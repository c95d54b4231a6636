"""Preferences: the inspector, locking, recent notebooks, backups and appearance."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

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

from fieldwork.runtime.preferences import Preferences, save_preferences
from fieldwork.ui.screens.start_screen import align_form_labels, plain_label
from fieldwork.ui.style import apply_theme

MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL")
MAX_MARKING = 60  # printed in every page's header and footer of the pack
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
        self.idle_lock.setToolTip(
            "With no typing or mouse movement for this long, Fieldwork hides everything and "
            "asks for the passphrase again."
        )
        self.retention = _spin(
            "Retention period in days", 1, 3650, preferences.retention_days, " days"
        )
        self.retention.setToolTip(
            "After this many days from the last day on site, Fieldwork reminds you to delete the "
            "inspection."
        )
        self.clipboard = _spin(
            "Clear copied text after seconds",
            0,
            600,
            preferences.clipboard_clear_seconds,
            " seconds",
        )
        self.clipboard.setSpecialValueText("Never")
        self.clipboard.setToolTip(
            "Text copied from Fieldwork is removed from the clipboard after this long, and when "
            "it locks or closes, unless you have copied something else since."
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
        _row(form, "Clear cop&ied text after:", self.clipboard)
        form.addRow("Recent notebooks:", self.keep_recent)
        form.addRow("", recent_row)

        # --- backups ----------------------------------------------------------------
        self.backup_folder = QLineEdit(preferences.backup_folder)
        self.backup_folder.setAccessibleName("Backup folder")
        self.backup_folder.setPlaceholderText("Fieldwork's own data folder")
        self.backup_folder.setClearButtonEnabled(True)
        self.choose_backup = QPushButton("B&rowse…")
        self.choose_backup.setAccessibleName("Choose a backup folder")
        self.choose_backup.clicked.connect(self._choose_backup_folder)
        folder_row = QHBoxLayout()
        folder_row.setSpacing(6)
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(self.choose_backup)
        self.backup_count = _spin("Backups to keep", 1, 100, preferences.backup_count, " backups")
        self.backup_count.setToolTip("Older backups of each notebook are deleted beyond this.")
        self.backup_interval = _spin(
            "Back up every minutes while changes are made",
            1,
            240,
            preferences.backup_interval_minutes,
            " minutes",
        )
        self.backup_interval.setToolTip(
            "While you are making changes. Fieldwork also backs up when a notebook opens, locks "
            "and closes."
        )
        backups = QGroupBox("Backups")
        form = _form(backups)
        label = QLabel("Backup f&older:")
        label.setBuddy(self.backup_folder)
        form.addRow(label, folder_row)
        _row(form, "Back up e&very:", self.backup_interval)
        _row(form, "Keep the &newest:", self.backup_count)

        # --- appearance -------------------------------------------------------------
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for theme_id, text in THEMES:
            self.theme.addItem(text, theme_id)
        self.theme.setCurrentIndex(max(self.theme.findData(preferences.theme), 0))
        self.theme.setToolTip("Applied as soon as you choose; Cancel puts the old one back.")
        # Shown at once, so the choice is made by looking; Cancel restores the saved theme.
        self.theme.currentIndexChanged.connect(lambda _i: apply_theme(self.chosen_theme()))
        appearance = QGroupBox("Appearance")
        form = _form(appearance)
        _row(form, "&Theme:", self.theme)

        self.problem = plain_label()
        self.problem.setAccessibleName("What needs changing")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        forms = (box.layout() for box in (evidence, privacy, backups, appearance))
        align_form_labels(*(form for form in forms if isinstance(form, QFormLayout)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(14)
        for box in (evidence, privacy, backups, appearance):
            layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.ok_button.setDefault(True)  # once inside
        self._update_recent()
        self.backup_folder.textChanged.connect(self.validate)
        self.marking.currentTextChanged.connect(self.validate)
        self.validate()
        self.inspector_name.setFocus()

    # --- checking -------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Every reason the values cannot be kept yet, each a sentence saying what to do."""
        found = []
        marking = self.marking.currentText().strip()
        if not marking:
            found.append("Enter a handling marking for evidence packs, such as OFFICIAL-SENSITIVE.")
        elif len(marking) > MAX_MARKING:
            found.append(f"Keep the handling marking to {MAX_MARKING} characters or fewer.")
        folder = self.backup_folder.text().strip()
        if folder:
            path = Path(folder).expanduser()
            if not path.is_absolute():
                found.append("Give the backup folder as a full path, or use Browse… to pick it.")
            elif not path.is_dir():
                found.append(
                    "The backup folder does not exist. Pick one with Browse…, or leave it empty "
                    "to use Fieldwork's own."
                )
            elif not os.access(path, os.W_OK | os.X_OK):
                found.append("Fieldwork cannot write in that backup folder. Pick another.")
        return found

    def validate(self) -> bool:
        found = self.problems()
        self.problem.setText(found[0] if found else "")
        self.problem.setVisible(bool(found))
        self.ok_button.setEnabled(not found)
        return not found

    def accept(self) -> None:
        if self.validate():
            super().accept()

    def reject(self) -> None:
        apply_theme(self._original.theme)  # undo the preview
        super().reject()

    def chosen_theme(self) -> str:
        return str(self.theme.currentData())

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
            theme=self.chosen_theme(),
            suggestions=self.suggestions.isChecked(),
            backup_interval_minutes=self.backup_interval.value(),
            clipboard_clear_seconds=self.clipboard.value(),
        )


def edit_preferences(window: Any) -> bool:
    """Edit, save and apply at once: lock timer, clipboard, suggestions, theme, start page.

    Starts from the session's copy, which is the one kept up to date as notebooks open (the
    recent list); editing an older copy would lose notebooks opened since.
    """
    current = window.session.preferences
    dialog = PreferencesDialog(current, window)
    if not dialog.exec():
        return False
    chosen = dialog.result_preferences()
    window.preferences = window.session.preferences = chosen
    save_preferences(chosen)
    window.idle.set_minutes(chosen.idle_lock_minutes)
    window.clipboard_guard.set_seconds(chosen.clipboard_clear_seconds)
    if window.workspace is not None:
        window.workspace.tags.set_suggestions_enabled(chosen.suggestions)
    apply_theme(chosen.theme)
    window.start_screen.retention.preferences = chosen
    window.start_screen.set_recent(list(chosen.recent_notebooks))
    return True


def remember_inspector_name(window: Any, name: str) -> None:
    """The first inspection's inspector becomes the default for the next (and for packs)."""
    name = name.strip()
    if not name or window.session.preferences.inspector_name:
        return
    window.preferences = window.session.preferences = replace(
        window.session.preferences, inspector_name=name
    )
    save_preferences(window.session.preferences)
