from django.db import models


class LoadedSection(models.Model):
    """A demo section that finished loading, at a given version."""

    name = models.CharField(max_length=60, unique=True)
    version = models.PositiveIntegerField()
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
