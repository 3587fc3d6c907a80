"""Optional per-phase progress: a Rich progress bar from the CLI, nothing in library use."""

from __future__ import annotations

from dataclasses import dataclass

from rich.progress import Progress, TaskID


@dataclass
class Phase:
    progress: Progress | None
    task: TaskID | None
    total: int | None

    def advance(self, steps: int = 1) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, steps)

    def finish(self) -> None:
        if self.progress is not None and self.task is not None:
            if self.total is None:  # an open-ended phase ends where it got to
                self.progress.update(self.task, total=self.progress.tasks[self.task].completed)
            else:
                self.progress.update(self.task, completed=self.total)


def start_phase(progress: Progress | None, description: str, total: int | None) -> Phase:
    """A phase of `total` steps on the display (None: not known in advance)."""
    if progress is None:
        return Phase(None, None, total)
    return Phase(progress, progress.add_task(description, total=total), total)
