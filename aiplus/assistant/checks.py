"""Checks on a question before anything else reads it: length, emptiness, and the wording of
attempts to make the assistant ignore its rules or reveal them. Also the language the answer
should be in. Pure functions of the text: no model call, so they cost nothing and cannot be
talked round."""

import re
from dataclasses import dataclass

from aiplus.core.i18n import ENGLISH, SIMPLIFIED, TRADITIONAL, to_simplified, to_traditional

MAX_QUESTION_CHARS = 1000

TOO_LONG, EMPTY, INJECTION = "too_long", "empty", "injection"

# Phrases of instruction override, role play and prompt extraction, in English and Chinese
# (Traditional and Simplified; the text is matched after folding to Simplified and lower case).
_INJECTION = [
    r"ignore (all |any |the )?(previous|prior|above|earlier|your|these)\b.{0,20}"
    r"(instruction|rule|prompt|direction)",
    r"disregard (all |any |the )?(previous|prior|above|your)\b",
    r"forget (all |everything|your)\b.{0,20}(instruction|rule|told|said)",
    r"(system|hidden|initial|original|setup|starting) (prompt|instruction|message)",
    # Extraction by another route: asking for the rules translated, summarised or listed.
    r"(translate|summari[sz]e|paraphrase|rephrase|rewrite|encode|list)\b.{0,20}"
    r"(\byour (own )?(instructions|rules|prompt|guidelines|directives)|"
    r"\bthe (instructions|rules|prompt|guidelines) (you|above))",
    r"(instructions|rules|guidelines) (you were|you've been|you have been|you are) "
    r"(told|given|following|programmed)",
    r"(answer|respond|reply)\b.{0,20}\bwithout (using |looking at |reading )?(the |your |any )?"
    r"(sources|rules|restrictions)",
    r"(reveal|show|print|repeat|output|tell me|display|leak)\b.{0,30}"
    r"\b(prompt|instructions|rules|configuration)",
    r"(repeat|print|output|show|copy|translate) (the |all |everything |your )?(text|words|message|"
    r"conversation|content)?s? ?(above|before|so far|you were given)",
    r"what (are|were) (your|the) (instructions|rules|guidelines)",
    r"you are (now |no longer )?(a |an )?(dan|jailbroken|unrestricted|developer mode)",
    r"\b(jailbreak|do anything now|developer mode|god mode)\b",
    r"pretend (to be|you are)|act as (if|a|an)\b.{0,40}(without|no) (rules|restrictions|limits)",
    r"(other|another) (user|person|people)'?s? (conversation|question|chat|message|data)",
    r"<\s*/?\s*(system|assistant|im_start|im_end)\s*>|\[/?inst\]|<\|",
    r"忽略.{0,8}(之前|以上|上面|先前|所有|你的).{0,6}(指示|指令|规则|提示|设定)",
    r"(无视|无视掉|不要理会).{0,8}(指示|指令|规则)",
    r"(系统|隐藏|原始|初始)(提示|指令|讯息|信息|消息)",
    r"(显示|透露|告诉我|输出|重复|泄露|打印).{0,10}(提示词|指令|规则|设定|系统提示)",
    r"(越狱|开发者模式|(没有|冇)任何限制|不受限制)",
    r"你(的|嘅|收到的|收到嘅|得到的)(指示|指令|规则|设定|提示)",
    r"(翻译|总结|概括|改写|列出).{0,6}你.{0,6}(指示|指令|规则|提示词|设定)|"
    r"你.{0,8}(指示|指令|规则|提示词)(翻译|总结|概括)",
    r"(上面|以上|前面|之前)(的|嘅)?(所有)?(内容|文字|讯息|信息|对话).{0,6}(输出|重复|复述|显示|翻译)",
    r"(原样|原封不动|逐字)(输出|重复|复述)",
    r"(其他|别的|另一个)(用户|使用者|人)的(对话|问题|资料|数据|讯息|信息)",
    r"扮演.{0,10}(没有|不受).{0,4}(限制|规则)",
]
_INJECTION_RE = re.compile("|".join(f"(?:{p})" for p in _INJECTION), re.IGNORECASE | re.DOTALL)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Refusal:
    reason: str  # TOO_LONG, EMPTY or INJECTION


def inspect(question: str) -> Refusal | None:
    """Why the question is refused before answering, or None."""
    if not question.strip():
        return Refusal(EMPTY)
    if len(question) > MAX_QUESTION_CHARS:
        return Refusal(TOO_LONG)
    if looks_like_injection(question):
        return Refusal(INJECTION)
    return None


def looks_like_injection(text: str) -> bool:
    folded = to_simplified(" ".join(text.split())).lower()
    return bool(_INJECTION_RE.search(folded))


def answer_language(question: str, interface: str = ENGLISH) -> str:
    """English, Traditional or Simplified Chinese: the question's own script when it has one,
    otherwise the interface's language."""
    chinese = len(_CJK.findall(question))
    latin = len(_LATIN.findall(question))
    if chinese == 0:
        return ENGLISH if latin else interface
    if latin > chinese * 3:  # an English sentence naming a Chinese term
        return ENGLISH
    han = "".join(_CJK.findall(question))
    simplified_only = to_traditional(han) != han and to_simplified(han) == han
    if simplified_only:
        return SIMPLIFIED
    if interface == SIMPLIFIED and to_simplified(han) == han:
        return SIMPLIFIED  # characters written the same in both scripts
    return TRADITIONAL
