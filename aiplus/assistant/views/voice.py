"""Voice: a spoken question to text, and an answer to speech with the avatar's mouth track."""

import base64

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from aiplus.ai.exceptions import AIError
from aiplus.assistant import presenting, selectors, voice
from aiplus.assistant.views.chat import _reader
from aiplus.assistant.views.widget import origin_allowed
from aiplus.core.i18n import current_language


@csrf_exempt  # it changes nothing: it only turns the caller's own recording into text
@require_POST
def listen(request: HttpRequest, slug: str) -> JsonResponse:
    assistant = selectors.assistant_for(_reader(request), slug)
    if not origin_allowed(request, assistant):
        return JsonResponse({"error": "origin"}, status=403)
    upload = request.FILES.get("audio")
    if upload is None or (upload.size or 0) > voice.MAX_RECORDING_BYTES:
        return JsonResponse({"error": str(AIError())}, status=400)
    try:
        text = voice.transcribe(upload.read(), language=current_language())
    except AIError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"text": text})


@require_GET
def speech(request: HttpRequest, uid: str) -> JsonResponse:
    exchange = selectors.exchange_for(_reader(request), uid)
    try:
        spoken = voice.speak(presenting.plain_answer(exchange), language=exchange.language)
    except AIError as error:
        return JsonResponse({"error": str(error)}, status=503)
    return JsonResponse(
        {
            "audio": base64.b64encode(spoken.wav).decode("ascii"),
            "frame_seconds": voice.FRAME_SECONDS,
            "shapes": spoken.frames,
        }
    )
