"""Every command as one QAction: menu text, standard shortcut where one exists, accessible name."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    new_inspection: QAction
    open_notebook: QAction
    open_demo: QAction
    export_pack: QAction
    back_up_now: QAction
    restore_backup: QAction
    lock: QAction
    close_notebook: QAction
    quit: QAction
    preferences: QAction
    undo: QAction
    redo: QAction
    new_note: QAction
    save_note: QAction
    tag: QAction
    find: QAction
    start_activity: QAction
    stop_activity: QAction
    view_notes: QAction
    view_coverage: QAction
    view_judgements: QAction
    view_enquiries: QAction
    view_people: QAction
    guide: QAction
    shortcuts: QAction
    data_folders: QAction
    about: QAction

    def notebook_actions(self) -> list[QAction]:
        """The actions that only make sense with a notebook open."""
        return [
            self.export_pack,
            self.back_up_now,
            self.lock,
            self.close_notebook,
            self.new_note,
            self.save_note,
            self.tag,
            self.find,
            self.start_activity,
            self.stop_activity,
            self.view_notes,
            self.view_coverage,
            self.view_judgements,
            self.view_enquiries,
            self.view_people,
        ]


def _action(
    parent: QWidget, text: str, shortcut: QKeySequence | Key | str | None = None, tip: str = ""
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    plain = text.replace("&", "").replace("…", "")
    action.setStatusTip(tip or plain)
    action.setToolTip(tip or plain)
    parent.addAction(action)  # shortcuts work wherever focus is in the window
    return action


def build_actions(parent: QWidget) -> Actions:
    return Actions(
        new_inspection=_action(
            parent,
            "&New inspection…",
            "Ctrl+Shift+N",
            "Create an encrypted notebook for an inspection",
        ),
        open_notebook=_action(parent, "&Open notebook…", Key.Open),
        open_demo=_action(parent, "Open the &demo inspection"),
        export_pack=_action(
            parent,
            "&Export evidence pack…",
            "Ctrl+E",
            "Write the draft judgement evidence pack (PDF) in the background",
        ),
        back_up_now=_action(
            parent,
            "&Back up now",
            None,
            "Make a verified, encrypted backup in the backup folder now",
        ),
        restore_backup=_action(
            parent,
            "&Restore from backup…",
            None,
            "Copy a backup into a new folder; nothing is replaced or deleted",
        ),
        lock=_action(
            parent, "&Lock", "Ctrl+L", "Hide everything and close the notebook until unlocked"
        ),
        close_notebook=_action(parent, "&Close notebook", Key.Close),
        quit=_action(parent, "&Quit", Key.Quit),
        undo=_action(parent, "&Undo", Key.Undo),
        redo=_action(parent, "&Redo", Key.Redo),
        preferences=_action(
            parent,
            "&Preferences…",
            Key.Preferences if not QKeySequence(Key.Preferences).isEmpty() else "Ctrl+,",
        ),
        new_note=_action(
            parent, "&New note", Key.New, "Start a new note (linked to the running activity)"
        ),
        save_note=_action(
            parent, "&Save now", Key.Save, "Notes save by themselves; this saves at once"
        ),
        tag=_action(
            parent, "&Tag the note…", "Ctrl+T", "Type a criterion, theme or keyword to tag the note"
        ),
        find=_action(parent, "&Find in notes", Key.Find),
        start_activity=_action(
            parent,
            "&Start activity…",
            "Ctrl+Shift+A",
            "Sitting alongside, a record review, a meeting…",
        ),
        stop_activity=_action(parent, "S&top activity", "Ctrl+Shift+E"),
        view_notes=_action(parent, "&Notes", "Ctrl+1"),
        view_coverage=_action(parent, "&Coverage", "Ctrl+2"),
        view_judgements=_action(parent, "&Judgements", "Ctrl+3"),
        view_enquiries=_action(parent, "&Lines of enquiry", "Ctrl+4"),
        view_people=_action(parent, "Cases and &people", "Ctrl+5"),
        guide=_action(
            parent,
            "&How Fieldwork works",
            Key.HelpContents,
            "Capture, tag, judge and export: a short guide",
        ),
        shortcuts=_action(parent, "&Keyboard shortcuts", "Ctrl+/"),
        data_folders=_action(
            parent, "&Where your data lives", None, "The folders Fieldwork uses on this computer"
        ),
        about=_action(parent, "&About Fieldwork"),
    )
