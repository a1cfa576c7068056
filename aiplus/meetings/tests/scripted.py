"""A chat model for tests of what the hub does with the model's answers."""

import json

from aiplus.ai.values import ChatResult, Usage


class Scripted:
    """A chat model answering each call from a function of its prompt and schema."""

    name = "scripted"
    context_tokens = 4096

    def __init__(self, answer):
        self.answer = answer
        self.prompts: list[str] = []

    def chat(self, messages, *, max_tokens=512, temperature=0.2, json_schema=None):
        prompt = messages[-1].content
        self.prompts.append(prompt)
        return ChatResult(text=json.dumps(self.answer(prompt, json_schema)), usage=Usage(1, 1))

    def count_tokens(self, text: str) -> int:
        return len(text.split())
