"""The font the server draws text with (document previews, and later PDF minutes and
reports): one with Chinese glyphs, so that Traditional and Simplified text is never drawn as
empty boxes. `make setup` installs Debian's WenQuanYi Micro Hei; AIPLUS_CJK_FONT overrides."""

import logging
from functools import cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


@cache
def cjk_font_path() -> Path | None:
    """The first installed font with Chinese glyphs, or None (logged once)."""
    configured = settings.AIPLUS_CJK_FONT
    for candidate in ([configured] if configured else []) + list(CANDIDATES):
        if Path(candidate).is_file():
            return Path(candidate)
    logger.warning("no CJK font found: Chinese text in previews will not render")
    return None
