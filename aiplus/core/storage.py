from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


def private_storage() -> Storage:
    """Files that are never served directly: every download goes through a permission check."""
    return FileSystemStorage(location=settings.DATA_DIR / "private", base_url=None)
