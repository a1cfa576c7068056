"""Speech-to-text in process: faster-whisper (CTranslate2) on a model folder from the manifest,
fed by VAD chunks of a streamed recording."""

import math
import threading
from pathlib import Path

from aiplus.ai.audio import AudioInfo, AudioInput, stream_audio
from aiplus.ai.chunking import speech_chunks
from aiplus.ai.values import ProgressCallback, Segment, Transcript, Word


class WhisperTranscriber:
    def __init__(
        self,
        model_dir: Path,
        *,
        name: str,
        threads: int = 2,
        compute_type: str = "int8",
        max_seconds: float | None = None,
        beam_size: int = 1,
    ) -> None:
        from faster_whisper import WhisperModel

        self.name = name
        self.max_seconds = max_seconds
        self.beam_size = beam_size
        self._model = WhisperModel(
            str(model_dir), device="cpu", compute_type=compute_type, cpu_threads=threads
        )
        self._lock = threading.Lock()  # one CTranslate2 model, one decode at a time

    @property
    def multilingual(self) -> bool:
        return bool(self._model.model.is_multilingual)

    def transcribe(
        self,
        audio: AudioInput,
        *,
        language: str | None = None,
        progress: ProgressCallback | None = None,
        prompt: str | None = None,
        words: bool = False,
    ) -> Transcript:
        initial_prompt = prompt.strip() if prompt and prompt.strip() else None
        if not self.multilingual:
            language = "en"
        infos: list[AudioInfo] = []
        blocks = stream_audio(audio, max_seconds=self.max_seconds, info_out=infos)
        segments: list[Segment] = []
        languages: dict[str, float] = {}
        done = 0.0
        for chunk, done in speech_chunks(blocks):
            if chunk is not None:
                with self._lock:
                    pieces, info = self._model.transcribe(
                        chunk.audio,
                        language=language,
                        beam_size=self.beam_size,
                        vad_filter=False,
                        condition_on_previous_text=False,
                        initial_prompt=initial_prompt,  # each chunk is at most one window
                        # Word times cost a second pass of the encoder over the rest of
                        # a chunk after its last word: the ASR takes about 1.6 times as long.
                        word_timestamps=words,
                    )
                    for piece in pieces:
                        text = piece.text.strip()
                        if not text:
                            continue
                        segments.append(
                            Segment(
                                start=round(chunk.start + piece.start, 2),
                                end=round(chunk.start + piece.end, 2),
                                text=text,
                                confidence=round(min(1.0, math.exp(piece.avg_logprob)), 3),
                                language=info.language,
                                words=tuple(
                                    Word(
                                        round(chunk.start + word.start, 2),
                                        round(chunk.start + word.end, 2),
                                        word.word,
                                    )
                                    for word in piece.words or ()
                                ),
                            )
                        )
                        languages[info.language] = languages.get(info.language, 0) + (
                            piece.end - piece.start
                        )
            if progress is not None:
                total = infos[0].duration if infos else None
                progress(done, total)
        main_language = max(languages, key=languages.__getitem__) if languages else language or ""
        return Transcript(segments=segments, language=main_language, duration=done)
