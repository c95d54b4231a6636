"""The first window: what Fieldwork is, and the inspection frameworks installed on this computer."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class StartWindow(QMainWindow):
    """Shows the shell at once, then fills the framework list after the first paint."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Fieldwork")
        self.resize(900, 600)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        heading = QLabel("<h2>Fieldwork</h2>")
        heading.setTextFormat(Qt.TextFormat.RichText)  # our own fixed text only
        intro = QLabel(
            "An encrypted notebook for inspections of local authority children's services. "
            "Installed inspection frameworks are listed below; open one to read its judgements, "
            "themes and criteria."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Framework", "Title"])
        self.tree.setAccessibleName("Installed inspection frameworks")
        self.tree.setColumnWidth(0, 280)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        self.setCentralWidget(body)
        QTimer.singleShot(0, self.load_frameworks)

    def load_frameworks(self) -> None:
        from fieldwork.services.frameworks import installed_frameworks

        library = installed_frameworks()
        for framework in library.frameworks:
            top = QTreeWidgetItem([framework.id, framework.title])
            for judgement in framework.judgements:
                node = QTreeWidgetItem([judgement.id, judgement.title])
                for theme in judgement.themes:
                    theme_node = QTreeWidgetItem([theme.id, theme.title])
                    for criterion in theme.criteria:
                        leaf = QTreeWidgetItem([criterion.id, criterion.heading])
                        leaf.setToolTip(1, criterion.good.replace("<", "&lt;"))
                        theme_node.addChild(leaf)
                    node.addChild(theme_node)
                top.addChild(node)
            self.tree.addTopLevelItem(top)
        for problem in library.problems:
            self.tree.addTopLevelItem(QTreeWidgetItem(["not loaded", str(problem)]))
