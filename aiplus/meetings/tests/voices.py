"""A short meeting of three clearly different synthetic voices, for the speaker tests."""

from aiplus.benchmarks.diarization import espeak

# Three voices that differ clearly: a low US male, a British female, a Cantonese male.
VOICES = {
    "ann": ["-v", "en-gb-x-rp+f2", "-p", "55"],
    "bob": ["-v", "en-us+m3", "-p", "40"],
    "kit": ["-v", "yue"],
}
# Turns of 4-8 s, as in a meeting; rapid exchanges of 2-3 s turns are beyond the method
# (see docs/benchmarks.md).
SCRIPT = [
    (
        "bob",
        "Good morning. Let's start with the budget for the new booking system, which "
        "is the first item on the agenda today.",
    ),
    (
        "ann",
        "Thank you. We have spent about half of this year's allocation so far, mostly "
        "on the software licences and the first round of equipment.",
    ),
    ("kit", "我哋社區聯絡組想知道幾時可以開始培訓，因為好多長者都想早啲學識點樣用網上預約。"),
    (
        "ann",
        "Training starts in the first week of next month. The second half of the budget "
        "pays for it, and for the last two district offices.",
    ),
    (
        "bob",
        "Good. Please send the schedule to everyone by Friday, and copy in the "
        "helpdesk so they know what is coming.",
    ),
    ("kit", "好，多謝。我會通知各位同事，同埋問吓社區中心有冇地方俾我哋做示範。"),
    ("ann", "Agreed."),
    ("bob", "Then thank you all. We meet again at the same time next week."),
]


def read_by(keys):
    """Synthesisers (text -> 16 kHz audio) for the given voice keys."""
    return {key: (lambda text, args=VOICES[key]: espeak(args, text)) for key in keys}
